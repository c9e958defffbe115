"""Form tokens expire (WTF_CSRF_TIME_LIMIT): an old form is refused with a page that says to
reload, and the petition page, served from its per-process render, gives each reader a
fresh token, so reloading it always gives a form that works."""

import time

from sqlalchemy import update

from organiser import jobs
from organiser.extensions import db
from organiser.petitions.models import Petition
from tests.workers import CSRF_RE


def test_the_default_limit_is_hours_not_forever(app):
    assert 3600 <= app.config["WTF_CSRF_TIME_LIMIT"] <= 24 * 3600


def test_an_expired_token_is_refused_and_the_cached_page_gives_a_fresh_one(
    app, client, petition, rows, sign_form
):
    app.config.update(WTF_CSRF_TIME_LIMIT=1, PETITION_STATS_SECONDS=3600)
    app.config["SIGN_RATE_LIMIT"] = "1000 per hour"
    url = f"/petitions/{petition.slug}"
    client.get(url)  # queues the breakdowns; once they are ready the page is kept
    assert jobs.wait_idle()
    page = client.get(url).get_data(as_text=True)
    with app.app_context():  # the kept render still shows the old title: served from it
        db.session.execute(update(Petition).values(title="Renamed"))
        db.session.commit()
    old_token = CSRF_RE.search(page).group(1)
    incomplete = {"csrf_token": old_token, "name": "Aigerim Example"}
    assert client.post(url, data=incomplete).status_code == 422  # token fine, form not
    deadline = time.monotonic() + 10
    while (refused := client.post(url, data=incomplete)).status_code != 400:
        assert refused.status_code == 422 and time.monotonic() < deadline, "never expired"
        time.sleep(0.2)
    assert "Reload the page" in refused.get_data(as_text=True)

    reloaded = client.get(url).get_data(as_text=True)
    assert "Free the Zhanaozen oil workers" in reloaded and "Renamed" not in reloaded
    fresh_token = CSRF_RE.search(reloaded).group(1)
    assert fresh_token != old_token
    signed = client.post(url, data={**sign_form, "csrf_token": fresh_token})
    assert signed.status_code == 302
    assert len(rows(petition_id=petition.id)) == 1
