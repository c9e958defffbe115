"""The login wall: every /organise/ page turns an anonymous visitor away to the login page.

The rules are read from the application's URL map, so a page added later is covered without
being listed here. Each is asked for real objects (a campaign, lobby, petition, letter, target
that exist), so a view that checked login only after finding its object would show here.
"""

import tempfile
from urllib.parse import urlsplit

import pytest
from werkzeug.routing.converters import NumberConverter

from organiser import create_app
from organiser.extensions import db
from organiser.letters.services import save_letter
from organiser.lobbies.models import Campaign
from organiser.petitions.services import create_petition

PUBLIC = {"accounts.login"}  # the wall's door


def organise_rules() -> list:
    """(rule, endpoint, methods) of every /organise/ URL, read from a throwaway app."""
    with tempfile.TemporaryDirectory() as instance:
        app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"}, instance)
        return [
            pytest.param(rule.rule, rule.endpoint, rule.methods - {"HEAD", "OPTIONS"}, id=rule.rule)
            for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule)
            if rule.rule.startswith("/organise/") and rule.endpoint not in PUBLIC
        ]


@pytest.fixture
def objects(app, campaign, lobby, find_lobby):
    """What the URL parameters name, by the path segment before them."""
    with app.app_context():
        owner = db.session.get(Campaign, campaign.id)
        petition = create_petition(owner, title="Free them", target_id=campaign.target_id)
        letter = save_letter(
            None, owner, find_lobby(lobby), language="en", subject="S", opening="Dear,",
            body="Text.", closing="Yours,", signatories="Us",
        )  # fmt: skip
        db.session.commit()
        return {
            "campaigns": campaign.slug,
            "lobbies": lobby,
            "petitions": petition.slug,
            "targets": campaign.target_id,
            "letters": letter.id,
        }


def url_for_rule(app, rule: str, endpoint: str, objects: dict) -> str:
    """The rule's URL with each parameter filled: the object its segment names, else a value
    its converter accepts."""
    werkzeug_rule = next(r for r in app.url_map.iter_rules() if r.rule == rule)
    segments = rule.strip("/").split("/")
    values = {}
    for name, converter in werkzeug_rule._converters.items():
        position = next(i for i, part in enumerate(segments) if name in part)
        kind = segments[position - 1]
        values[name] = objects.get(kind, 1 if isinstance(converter, NumberConverter) else "x")
    with app.test_request_context():
        return app.url_map.bind("organiser.test").build(endpoint, values)


@pytest.mark.parametrize(("rule", "endpoint", "methods"), organise_rules())
def test_anonymous_visitors_are_sent_to_log_in(app, client, objects, rule, endpoint, methods):
    url = url_for_rule(app, rule, endpoint, objects)
    token = client.token("/organise/login")  # a real session's CSRF token: the wall is behind it
    answers = {
        "GET": client.get(url),
        "POST": client.post(url, data={"csrf_token": token, "name": "x", "title": "x"}),
    }
    for method, response in answers.items():
        if method not in methods:
            assert response.status_code == 405, (method, url, response.status_code)
            continue
        assert response.status_code == 302, (method, url, response.status_code)
        assert urlsplit(response.headers["Location"]).path == "/organise/login", (method, url)
