"""Browser: a supporter signs on the page, opens the link from the email, sees the count rise."""


def test_supporter_signs_confirms_and_sees_the_count_rise(live_server, page, petition, smtp):
    from playwright.sync_api import expect

    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server}/petitions/{petition.slug}")
    count = page.locator("strong.count").first
    expect(count).to_have_text("0")
    expect(page.get_by_label("Leave this empty")).not_to_be_in_viewport()
    page.get_by_label("Your name").fill("Aigerim Example")
    page.get_by_label("Your email").fill("aigerim@example.org")
    page.get_by_label("Your town or city").fill("Almaty")
    page.get_by_label("Your country").select_option("KZ")
    page.get_by_label("Show my name publicly on this page").check()
    page.get_by_role("button", name="Sign the petition").click()
    expect(page.get_by_role("heading", name="Please agree")).to_have_count(0)
    expect(page.get_by_text("Please agree to the privacy notice to sign.")).to_be_visible()
    page.get_by_label("I agree to the privacy notice").check()
    page.get_by_role("button", name="Sign the petition").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()

    confirm_path = smtp.links(smtp.wait_for(1)[0])["confirm"]
    page.goto(live_server + confirm_path)
    expect(
        page.get_by_role("heading", name="Thank you: your signature is confirmed")
    ).to_be_visible()
    page.get_by_role("link", name="Free the Zhanaozen oil workers").click()
    expect(page.locator("strong.count").first).to_have_text("1")
    expect(page.get_by_text("Aigerim Example, Almaty")).to_be_visible()
    expect(page.get_by_text("Other countries: 1")).to_be_visible()  # one signer: not named
    assert not [e for e in errors if "Content Security Policy" in e], errors
