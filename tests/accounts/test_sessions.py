"""Sessions end when they should: logging out, changing the password and removing an
organiser end every session of that account, on every device, copied cookies included."""

from organiser.accounts.services import authenticate

NEW_PASSWORD = "a new and longer passphrase"


def is_signed_in(device) -> bool:
    """Whether the organisers' area opens, or sends the browser to the login page."""
    response = device.get("/organise/")
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/organise/login"), response.headers
        return False
    assert response.status_code == 200
    return True


def log_out(device):
    return device.post("/organise/logout", data={"csrf_token": device.token("/organise/")})


def change_password(device, current, new=NEW_PASSWORD, again=None):
    return device.submit(
        "/organise/password",
        {"current_password": current, "new_password": new, "new_password_again": again or new},
    )


def test_a_cookie_copied_before_logout_does_not_open_the_area_after(organiser, new_device, copied):
    laptop = new_device(organiser.email)
    stolen = copied(laptop)
    assert is_signed_in(stolen)
    assert log_out(laptop).status_code == 302
    assert not is_signed_in(laptop)
    assert not is_signed_in(stolen)


def test_logging_out_on_one_device_ends_the_sessions_on_all(organiser, new_device):
    laptop, phone = new_device(organiser.email), new_device(organiser.email)
    log_out(laptop)
    assert not is_signed_in(phone)
    assert is_signed_in(new_device(organiser.email))  # logging in again works


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(
    app, organiser, new_device, copied, password
):
    laptop, phone = new_device(organiser.email), new_device(organiser.email)
    stolen = copied(laptop)
    response = change_password(laptop, password)
    assert response.status_code == 302
    assert "password is changed" in laptop.get(response.headers["Location"]).get_data(as_text=True)
    assert is_signed_in(laptop)
    assert not is_signed_in(phone)
    assert not is_signed_in(stolen)
    with app.app_context():
        assert authenticate(organiser.email, password) is None
        assert authenticate(organiser.email, NEW_PASSWORD).password_hash.startswith("$argon2id$")


def test_the_password_form_checks_the_current_password_and_the_new_one(
    app, organiser, new_device, password
):
    laptop = new_device(organiser.email)
    wrong = change_password(laptop, current="not the password")
    assert wrong.status_code == 200
    assert "This is not your current password." in wrong.get_data(as_text=True)
    short = change_password(laptop, password, new="too short")
    assert "The password must be at least 12 characters long" in short.get_data(as_text=True)
    mismatch = change_password(laptop, password, again="a different long passphrase")
    assert "The two new passwords are not the same." in mismatch.get_data(as_text=True)
    huge = change_password(laptop, password, new="x" * 2000)
    assert huge.status_code == 200
    with app.app_context():
        assert authenticate(organiser.email, password) is not None  # nothing changed
    assert is_signed_in(laptop)


def test_the_password_page_is_for_signed_in_organisers_with_csrf(organiser, new_device, password):
    anonymous = new_device()
    assert anonymous.get("/organise/password").status_code == 302
    laptop = new_device(organiser.email)
    refused = laptop.post(
        "/organise/password",
        data={"current_password": password, "new_password": NEW_PASSWORD},
    )
    assert refused.status_code == 400


def test_removing_an_organiser_ends_their_sessions_and_keeps_shared_campaigns(
    app, runner, organiser, other_organiser, shared_campaign, new_device, copied
):
    bo = new_device(other_organiser.email)
    stolen = copied(bo)
    ada = new_device(organiser.email)
    result = runner.invoke(args=["remove-organiser", "--email", " BO@example.org"])
    assert result.exit_code == 0, result.output
    assert "Removed organiser bo@example.org" in result.output
    assert not is_signed_in(bo)
    assert not is_signed_in(stolen)
    refused = new_device().login(other_organiser.email)
    assert refused.status_code == 200
    assert "Email or password is not right." in refused.get_data(as_text=True)
    # Ada's campaign, once shared with Bo, is whole; Bo cannot be added back by email.
    page = ada.get(f"/organise/campaigns/{shared_campaign}")
    assert page.status_code == 200 and "Campaign Kazakhstan" in page.get_data(as_text=True)
    again = ada.submit(
        f"/organise/campaigns/{shared_campaign}/owners",
        {"email": other_organiser.email},
        form_url=f"/organise/campaigns/{shared_campaign}",
    )
    assert "No organiser has this email" in again.get_data(as_text=True)
    assert is_signed_in(ada)


def test_removing_an_unknown_organiser_says_so(runner, organiser):
    result = runner.invoke(args=["remove-organiser", "--email", "nobody@example.org"])
    assert result.exit_code != 0
    assert "No organiser has the email nobody@example.org" in result.output


def test_the_dashboard_links_to_the_password_page(client, organiser, auth):
    """An organiser finds where to change their password from their campaigns."""
    auth.login(organiser.email)
    page = client.get("/organise/").get_data(as_text=True)
    assert 'href="/organise/password"' in page
