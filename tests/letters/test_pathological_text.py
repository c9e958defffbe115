"""A hostile letter text at the form's length limit: refused on save with a reason next to the
letter's text, or printed in seconds; the public PDF and the preview never answer 500."""

import re
import time

import pytest
from sqlalchemy import func, select

from organiser.extensions import db
from organiser.letters import rendering
from organiser.letters.models import Letter

LIMIT = 20000  # the letter form's length limit for the text
CPU_SECONDS = 6  # a text that is saved prints within this much of the processor's time


def filled(unit: str, tail: str = "") -> str:
    """unit repeated up to the form's length limit, ending with tail."""
    return (unit * (LIMIT // len(unit) + 1))[: LIMIT - len(tail)] + tail


FAMILIES = {
    "nested list markers": filled("- ", "x"),
    "list markers alone": filled("- "),
    "nested star markers": filled("* ", "x"),
    "nested plus markers": filled("+ ", "x"),
    "nested numbered markers": filled("1. ", "x"),
    "many list items": filled("- a\n"),
    "stairs of indented lists": "".join(f"{'  ' * i}- a\n" for i in range(139)),
    "open brackets": "[" * LIMIT,
    "links never closed": filled("[a]("),
    "image openers": filled("!["),
    "stars": "*" * LIMIT,
    "underscores": "_" * LIMIT,
    "spaced underscores": filled("_ ", "x"),
    "quote markers": ">" * LIMIT,
    "nested quotes": filled("> ", "x"),
    "backticks": "`" * LIMIT,
    "italic words": filled("*a* "),
    "bold words": filled("**a** "),
    "nested emphasis": filled("*a ")[: LIMIT // 2] + filled("a*")[: LIMIT // 2],
    "hard line breaks": filled("x  \n"),
    "paragraphs of one letter": filled("x\n\n"),
    "mixed markup": filled("- *[_`>1. **\n"),
    "one long word": "a" * LIMIT,
    "one long dotted word": filled("a."),
    "words joined by no-break spaces": filled("a\u00a0"),
    "soft hyphens": filled("\u00ad "),
    "soft hyphens in words": filled("Zusammen\u00adarbeit "),
    "direction overrides never closed": filled("\u202ea "),
    "direction embeddings never closed": filled("\u202bx "),
    "emoji": filled("\U0001f600 "),
}


def new_letter(client, campaign, body: str):
    """Submit the campaign's new-letter form with this text, the way a browser does."""
    url = f"/organise/campaigns/{campaign.slug}/letters/new"
    return client.submit(url, {"language": "en", "subject": "Hostile", "body": body})


def body_errors(page: str) -> str:
    """The errors shown next to the letter's text field."""
    found = re.search(r'<small id="body-errors" class="field-errors">(.*?)</small>', page, re.S)
    return found.group(1).strip() if found else ""


def letter_count(app) -> int:
    """How many letters are saved."""
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Letter))


@pytest.mark.parametrize("body", FAMILIES.values(), ids=FAMILIES.keys())
def test_pathological_text_is_refused_with_a_reason_or_prints_in_seconds(
    app, client, campaign, lobby, organiser, body
):
    assert len(body) <= LIMIT
    app.config["LETTER_RENDER_SECONDS"] = 600  # the renderer's own cost is measured here
    client.login(organiser.email)
    saved = new_letter(client, campaign, body)
    if saved.status_code == 200:  # refused: the form again, saying why next to the text
        assert body_errors(saved.get_data(as_text=True)), "refused without a reason"
        assert letter_count(app) == 0
        return
    assert saved.status_code == 302, saved.status_code
    before = time.process_time()
    response = client.get(f"/lobbies/{lobby}/letter.pdf")
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "application/pdf"
    assert time.process_time() - before < CPU_SECONDS
    with app.app_context():
        letter_id = db.session.scalar(select(Letter.id))
    assert client.get(f"/organise/letters/{letter_id}/preview").status_code == 200


def test_refusals_say_what_to_change(app, client, campaign, organiser):
    client.login(organiser.email)
    deep = body_errors(new_letter(client, campaign, filled("- ", "x")).get_data(as_text=True))
    assert "nested" in deep and "levels" in deep
    items = body_errors(new_letter(client, campaign, filled("- a\n")).get_data(as_text=True))
    assert "paragraphs" in items and "list items" in items
    emphasis = body_errors(new_letter(client, campaign, filled("*a* ")).get_data(as_text=True))
    assert "bold" in emphasis and "italic" in emphasis
    word = body_errors(new_letter(client, campaign, filled("a.")).get_data(as_text=True))
    assert "word or link longer than" in word
    assert letter_count(app) == 0


def test_thousands_of_signatory_lines_are_refused(app, client, campaign, organiser):
    client.login(organiser.email)
    url = f"/organise/campaigns/{campaign.slug}/letters/new"
    lines = "\n".join(["x"] * 1500)
    refused = client.submit(
        url, {"language": "en", "subject": "S", "body": "B", "signatories": lines}
    )
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200
    assert "Please keep to 200 lines or fewer." in page.split('id="signatories-errors"')[1]
    assert letter_count(app) == 0


def test_ordinary_letters_keep_their_lists_bold_and_italic(app, client, campaign, organiser):
    client.login(organiser.email)
    body = (
        "We write on the day of our lobby.\n\n"
        "We ask you to pass our **demands** to your *government*:\n\n"
        "- free the prisoners\n- end the persecution\n  - of unions\n  - of journalists\n\n"
        "1. first\n2. second\n\n"
        "Yours, in ***hope***; AT&T <b>x</b> 5 > 3."
    )
    assert new_letter(client, campaign, body).status_code == 302
    with app.app_context():
        letter_id = db.session.scalar(select(Letter.id))
    page = client.get(f"/organise/letters/{letter_id}/preview").get_data(as_text=True)
    html = re.sub(r"\s+", "", page.split('<div class="body">')[1].split("</div>")[0])
    assert html == (
        "<p>Wewriteonthedayofourlobby.</p>"
        "<p>Weaskyoutopassour<strong>demands</strong>toyour<em>government</em>:</p>"
        "<ul><li>freetheprisoners</li><li>endthepersecution<ul><li>ofunions</li>"
        "<li>ofjournalists</li></ul></li></ul>"
        "<ol><li>first</li><li>second</li></ol>"
        "<p>Yours,in<em><strong>hope</strong></em>;AT&amp;T&lt;b&gt;x&lt;/b&gt;5&gt;3.</p>"
    )


def test_a_pathological_letter_saved_before_the_checks_fails_quickly_and_only_once(
    app, client, campaign, lobby, organiser, add_letter
):
    """A text stored without the form (an old row, an import): a clear page, not a 500, and
    the failure is kept so the next download does not try again."""
    letter_id = add_letter(campaign, body=filled("- ", "x"))
    renders = []
    for _ in range(2):
        started = time.monotonic()
        response = client.get(f"/lobbies/{lobby}/letter.pdf")
        assert response.status_code == 503
        assert "could not be printed" in response.get_data(as_text=True)
        assert time.monotonic() - started < 10
        renders.append(rendering.render_count)
    assert renders[1] == renders[0]  # the failure was kept: no second attempt
    client.login(organiser.email)
    preview = client.get(f"/organise/letters/{letter_id}/preview")
    assert preview.status_code == 422
    text = preview.get_data(as_text=True)
    assert "nested" in text and f"/organise/letters/{letter_id}/edit" in text
