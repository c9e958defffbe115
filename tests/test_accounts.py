"""Organiser accounts: login, logout, passwords, the create-organiser command."""

from argon2 import PasswordHasher

from organiser.accounts.models import Organiser
from organiser.accounts.services import authenticate
from organiser.extensions import db


def test_login_with_the_right_password_opens_the_organisers_area(client, organiser):
    response = client.login("ada@example.org")
    assert response.status_code == 302
    assert response.headers["Location"] == "/organise/"
    assert "Your campaigns" in client.get("/organise/").get_data(as_text=True)


def test_email_is_matched_trimmed_and_case_folded(client, organiser):
    assert client.login("  ADA@Example.org ").status_code == 302


def test_unknown_email_and_wrong_password_get_the_same_answer(client, organiser, password):
    wrong_password = client.login("ada@example.org", "not the password")
    unknown_email = client.login("nobody@example.org", password)
    assert wrong_password.status_code == unknown_email.status_code == 200
    message = "Email or password is not right."
    assert message in wrong_password.get_data(as_text=True)
    assert message in unknown_email.get_data(as_text=True)
    assert client.get("/organise/").status_code == 302


def test_organisers_area_sends_anonymous_visitors_to_login(client):
    response = client.get("/organise/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/organise/login?next=")


def test_next_is_followed_to_local_paths_only(client, organiser, password):
    token = client.token("/organise/login")
    data = {"csrf_token": token, "email": "ada@example.org", "password": password}
    local = client.post("/organise/login?next=/organise/campaigns/new", data=data)
    assert local.headers["Location"] == "/organise/campaigns/new"
    for hostile in ("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"):
        client.post("/organise/logout", data={"csrf_token": client.token("/organise/")})
        token = client.token("/organise/login")
        response = client.post(
            "/organise/login",
            query_string={"next": hostile},
            data={**data, "csrf_token": token},
        )
        assert response.status_code == 302, (hostile, response.get_data(as_text=True)[-1500:])
        assert response.headers["Location"] == "/organise/", hostile


def test_login_clears_the_session_it_started_with(app, client, organiser):
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    client.login("ada@example.org")
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"].startswith(f"{organiser.id}:")


def test_login_without_csrf_token_is_refused(client, organiser, password):
    response = client.post(
        "/organise/login", data={"email": "ada@example.org", "password": password}
    )
    assert response.status_code == 400
    assert "Reload the page" in response.get_data(as_text=True)


def test_login_attempts_are_rate_limited(app, client, organiser):
    statuses = [client.login("ada@example.org", "wrong").status_code for _ in range(11)]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429
    assert "Too many attempts" in client.login("ada@example.org").get_data(as_text=True)


def test_logout_needs_a_post_with_csrf_and_ends_the_session(client, organiser):
    client.login("ada@example.org")
    assert client.get("/organise/logout").status_code == 405
    assert client.post("/organise/logout").status_code == 400
    response = client.post("/organise/logout", data={"csrf_token": client.token("/organise/")})
    assert response.status_code == 302
    assert client.get("/organise/").status_code == 302


def test_session_cookie_is_httponly_and_lax(client, organiser):
    response = client.login("ada@example.org")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_passwords_are_stored_as_argon2id_at_owasp_settings(app, organiser, password):
    with app.app_context():
        stored = db.session.get(Organiser, organiser.id).password_hash
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert password not in stored


def test_weaker_hashes_are_upgraded_at_login(app, client, organiser, password):
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(password)
    with app.app_context():
        db.session.get(Organiser, organiser.id).password_hash = weak
        db.session.commit()
    assert client.login("ada@example.org").status_code == 302
    with app.app_context():
        stored = db.session.get(Organiser, organiser.id).password_hash
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_create_organiser_reads_the_password_from_stdin(app, runner):
    result = runner.invoke(
        args=["create-organiser", "--email", "New@Example.org", "--name", "New Person"],
        input="a long enough password\n",
    )
    assert result.exit_code == 0, result.output
    assert "Created organiser new@example.org" in result.output
    with app.app_context():
        assert authenticate("new@example.org", "a long enough password").name == "New Person"


def test_create_organiser_refuses_short_passwords_and_duplicates(runner, organiser):
    short = runner.invoke(
        args=["create-organiser", "--email", "x@example.org", "--name", "X"], input="short\n"
    )
    assert short.exit_code != 0
    assert "at least 12 characters" in short.output
    again = runner.invoke(
        args=["create-organiser", "--email", "ada@example.org", "--name", "A"],
        input="a long enough password\n",
    )
    assert again.exit_code != 0
    assert "already exists" in again.output
