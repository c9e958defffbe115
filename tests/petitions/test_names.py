"""What a signer's name and town may contain: real names from many scripts pass; no disguise of
a web address, a mail address or a formula does, in any field that is mailed or shown."""

import pytest

from organiser import jobs

NAMES = [
    "Aigerim Example",
    "Айгерим Сейтқали",
    "O'Brien",
    "Seán Ó Briain",
    "Jean-Luc Picard",
    "J. R. R. Tolkien",
    "J.R.R. Tolkien",
    "Nguyễn Văn An",
    "’t Hooft",
    "Dr. Dot Smith",
    "محمد رضا",
    "नमस्ते",
    "高橋 一生",
    "Henry 8",
]
WEB_ADDRESSES = [
    "Buy now www.spam.example",
    "Buy at spam.shop",
    "Visit spam.co",
    "spam.example.net",
    "spam[.]com",
    "spam[ . ]com",
    "spam (.) com",
    "spam{.}com",
    "spam．com",  # full-width full stop
    "spam。com",  # ideographic full stop
    "spam｡com",  # half-width ideographic full stop
    "spam․com",  # one dot leader
    "spam·com",  # middle dot
    "spamꓸcom",  # a Lisu letter drawn as a dot
    "spam٠com",  # Arabic-Indic zero, drawn as a dot
    "spam ．com",
    "ｈｔｔｐｓ：／／spam",
    "http://spam",
    "see spam@example.org",
    "WWW spam",
    "8.8.8.8",
]
OTHER_TEXT = [
    "x;=1+1",
    "Robert'); DROP TABLE",
    "<b>bold</b>",
    "name\u202emoc",  # right-to-left override
    "tab\there",  # collapsed to a space: fine
]


@pytest.fixture
def sign(client, petition, sign_form):
    """A function (**changes): post the sign form as a browser does, with these changes."""
    return lambda **changes: client.submit(f"/petitions/{petition.slug}", {**sign_form, **changes})


@pytest.fixture(autouse=True)
def many_signings(app):
    """Each test signs more often than one address may in an hour."""
    app.config["SIGN_RATE_LIMIT"] = "1000 per hour"


def test_real_names_in_many_scripts_sign(smtp, sign, rows):
    for i, name in enumerate(NAMES):
        response = sign(name=name, email=f"s{i}@example.org")
        assert response.status_code == 302, (name, response.get_data(as_text=True)[-2000:])
    assert [row.name for row in rows()] == NAMES
    assert len(smtp.wait_for(len(NAMES))) == len(NAMES)


@pytest.mark.parametrize("field", ["name", "city"])
def test_no_disguised_web_address_is_taken_or_mailed(smtp, sign, rows, field):
    what = "name" if field == "name" else "town or city"
    for text in WEB_ADDRESSES:
        response = sign(**{field: text})
        assert response.status_code == 422, text
        page = response.get_data(as_text=True)
        assert f"A {what} cannot contain a web address." in page or (
            f"A {what} can only contain" in page
        ), text
    jobs.wait_idle()
    assert rows() == [] and smtp.messages == []


def test_names_are_letters_not_code(smtp, sign, rows):
    for text in OTHER_TEXT[:-1]:
        response = sign(name=text)
        assert response.status_code == 422, text
        assert "A name can only contain letters" in response.get_data(as_text=True)
    assert sign(name=OTHER_TEXT[-1]).status_code == 302
    assert [row.name for row in rows()] == ["tab here"]
    city = sign(email="b@example.org", city="x;=1+1")
    assert "A town or city can only contain" in city.get_data(as_text=True)


def test_full_width_text_is_stored_as_it_was_checked(smtp, sign, rows):
    assert sign(name="Ａｉｇｅｒｉｍ", city="Ｌｏｎｄｏｎ").status_code == 302
    [row] = rows()
    assert (row.name, row.city) == ("Aigerim", "London")
    assert "Hello Aigerim," in smtp.wait_for(1)[0].get_payload(decode=True).decode()


def test_places_keep_their_punctuation(smtp, sign, rows):
    places = ["Frankfurt (Oder)", "Washington, D.C.", "St. Petersburg", "'s-Hertogenbosch"]
    for i, place in enumerate(places):
        response = sign(email=f"p{i}@example.org", city=place)
        assert response.status_code == 302, place
    assert [row.city for row in rows()] == places
