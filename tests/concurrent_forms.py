"""Organisers' forms posted over real HTTP by several threads at the same moment, as a double
click or two organisers in the same campaign do (against the live server or gunicorn)."""

import threading
import urllib.error
import urllib.parse
from html.parser import HTMLParser

from sqlalchemy import select

from organiser.extensions import db
from organiser.lobbies.models import Campaign, Lobby, Target
from organiser.petitions.models import Petition, Signature
from organiser.petitions.services import create_petition
from tests.workers import Browser

THREADS = 8


class HiddenInputs(HTMLParser):
    """The hidden inputs of a page, by name (the first of each name)."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "input" and found.get("type") == "hidden" and found.get("name"):
            self.fields.setdefault(found["name"], found.get("value") or "")


class OrganiserBrowser(Browser):
    """A logged-in organiser's browser: loads a form, posts it, and tells where it was sent."""

    def __init__(self, base: str, email: str, password: str):
        super().__init__(base)
        assert self.submit("/organise/login", {"email": email, "password": password}) == 302

    def form(self, path: str) -> dict:
        """The hidden fields of the form at path, as a browser would send them back."""
        status, _, page = self.get(path)
        assert status == 200, (path, status)
        parser = HiddenInputs()
        parser.feed(page.decode())
        return parser.fields

    def post(self, path: str, data: dict) -> tuple[int, str]:
        """Post the form; its status and the address it redirects to ('' if none)."""
        body = urllib.parse.urlencode(data).encode()
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as response:
                return response.status, ""
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", "")


def at_once(posts: list) -> list[tuple[int, str]]:
    """Run the posts (callables) each in its own thread, released together; their answers."""
    start = threading.Barrier(len(posts))
    answers: list = [None] * len(posts)

    def run(index: int, post) -> None:
        start.wait(timeout=60)
        try:
            answers[index] = post()
        except Exception as error:  # reported below as the answer, not lost in a thread
            answers[index] = (0, repr(error))

    threads = [threading.Thread(target=run, args=item) for item in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a request never finished"
    return answers


def different_submissions(organiser: OrganiserBrowser, form) -> list:
    """THREADS submissions of the same content, each from its own load of the form (posts for
    at_once)."""
    loaded = [{**organiser.form(form.form), **form.data} for _ in range(THREADS)]
    return [lambda sent=sent: organiser.post(form.post, sent) for sent in loaded]


class CreatingForm:
    """One of the organisers' creating forms: where it is loaded and posted, what it is sent,
    and the rows it makes (by a condition on its model)."""

    def __init__(self, form: str, data: dict, model, condition, post: str = ""):
        self.form, self.post, self.data = form, post or form, data
        self.model, self.condition = model, condition

    def rows(self, app) -> list:
        """The rows this form has made so far."""
        with app.app_context():
            return list(db.session.scalars(select(self.model).where(self.condition)))

    def slugs(self, app) -> list[str]:
        """The slugs of the rows this form has made so far."""
        return [row.slug for row in self.rows(app)]


def creating_form(kind: str, app, campaign, make_lobby, lobby_form) -> CreatingForm:
    """The creating form of that kind, in the campaign fixture (with what it needs made; the
    other arguments are the fixtures of those names)."""
    if kind == "campaign":
        data = {"name": "Telia out of Kazakhstan", "organisation_name": "Campaign Kazakhstan"}
        return CreatingForm(
            "/organise/campaigns/new", data, Campaign, Campaign.name == data["name"]
        )
    if kind == "target":
        data = {"kind": "consulate", "name": "Consulate", "city": "Frankfurt", "country": "DE"}
        form = f"/organise/campaigns/{campaign.slug}/targets/new"
        return CreatingForm(form, data, Target, Target.city == "Frankfurt")
    if kind == "lobby":
        form = f"/organise/campaigns/{campaign.slug}/lobbies/new"
        return CreatingForm(form, lobby_form(campaign.target_id), Lobby, Lobby.city == "Berlin")
    if kind == "duplicate":
        original = make_lobby(campaign)
        data = lobby_form(title="Emergency lobby", city="Vienna", country="AT")
        form = f"/organise/lobbies/{original}/duplicate"
        return CreatingForm(form, data, Lobby, Lobby.city == "Vienna")
    if kind == "petition":
        data = {"title": "Free them all", "text": "Release them.", "target_id": "0", "goal": "100"}
        form = f"/organise/campaigns/{campaign.slug}/petitions/new"
        return CreatingForm(
            form, {**data, "status": "open"}, Petition, Petition.title == "Free them all"
        )
    if kind == "paper":
        with app.app_context():
            made = create_petition(db.session.get(Campaign, campaign.id), title="On paper")
            db.session.commit()
            slug = made.slug
        data = {"name": "Ann Paper", "city": "Leeds", "country": "GB"}
        form = f"/organise/petitions/{slug}"
        return CreatingForm(form, data, Signature, Signature.name == "Ann Paper", form + "/paper")
    raise ValueError(kind)
