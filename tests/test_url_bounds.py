"""Whatever is typed into a URL gets a page, never a 500: every integer part of every rule
is bounded (a number too large for the database is simply not there), and login's `next`
leads only to a plain path of this site."""

import tempfile

import pytest

from organiser import create_app

TOO_LARGE = [2**31, 99999999999999999999]


def rules_with_int_parts() -> list[tuple[str, str]]:
    """(rule, method) for every rule of the app with an integer part."""
    with tempfile.TemporaryDirectory() as instance:
        app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"}, instance_path=instance)
        found = []
        for rule in app.url_map.iter_rules():
            if any(
                type(c).__name__.endswith("IntegerConverter") for c in rule._converters.values()
            ):
                found += [
                    (rule.rule, method) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
                ]
    assert found, "no rule with an integer part: this walk would prove nothing"
    return found


@pytest.mark.parametrize(("rule", "method"), rules_with_int_parts())
@pytest.mark.parametrize("number", TOO_LARGE)
def test_an_integer_too_large_for_the_database_is_404(client, organiser, rule, method, number):
    client.login(organiser.email)
    url = rule
    for part in ("<int:", "<"):
        while part in url:
            start = url.index(part)
            end = url.index(">", start)
            url = url[:start] + (str(number) if part == "<int:" else "x") + url[end + 1 :]
    data = {"csrf_token": client.token("/organise/")} if method == "POST" else None
    response = client.open(url, method=method, data=data)
    assert response.status_code == 404, (url, method, response.status_code)
    assert "There is nothing at this address" in response.get_data(as_text=True)


HOSTILE_NEXT = [
    "/organise/\r\nSet-Cookie: planted=1",
    "/organise/\nLocation: https://evil.example/",
    "/organise/\x7f",
    "/\t/evil.example",
    "/ /evil.example",
    "\n/organise/",
    "/\\evil.example",
    "//evil.example/",
    "///evil.example/",
    "https://evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
    "/organise/\u2028",
    "/x" * 2000,
]


@pytest.mark.parametrize("hostile", HOSTILE_NEXT)
def test_login_sends_anything_but_a_plain_local_path_to_the_dashboard(
    client, organiser, hostile, password
):
    token = client.token("/organise/login")
    response = client.post(
        "/organise/login",
        query_string={"next": hostile},
        data={"csrf_token": token, "email": organiser.email, "password": password},
    )
    assert response.status_code == 302, (hostile, response.status_code)
    assert response.headers["Location"] == "/organise/"
    assert "planted" not in response.headers.get("Set-Cookie", "")


def test_login_follows_a_local_path_with_its_query(client, organiser, password):
    token = client.token("/organise/login")
    target = "/organise/campaigns/new?from=dashboard&x=%0D%0A"
    response = client.post(
        "/organise/login",
        query_string={"next": target},
        data={"csrf_token": token, "email": organiser.email, "password": password},
    )
    assert response.headers["Location"] == target
