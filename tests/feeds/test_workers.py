"""The feed cache stays right across real gunicorn workers sharing one database (an SQLite
file, or PostgreSQL when TEST_DATABASE_URL is set): a change made through the form in one
worker shows in the feed every worker serves."""

from tests.workers import Browser, one_worker_held, pids_serving, serving


def test_a_change_in_one_worker_shows_in_every_worker(
    app, campaign, organiser, tmp_path, lobby_form, make_lobby, password
):
    slug = make_lobby(campaign, title="Before the change")
    log = tmp_path / "access.log"
    with serving(app, log, "/calendar") as base:
        browser = Browser(base)
        first = [browser.get("/calendar.ics") for _ in range(6)]
        assert {status for status, _, _ in first} == {200}
        assert len({headers["ETag"] for _, headers, _ in first}) == 1
        assert all(b"SUMMARY:Before the change" in body for _, _, body in first)
        old_etag = first[0][1]["ETag"]

        assert browser.submit("/organise/login", {"email": organiser.email, "password": password})
        edit = f"/organise/lobbies/{slug}/edit"
        assert browser.submit(edit, lobby_form(title="After the change")) == 302

        # Each worker serves the feed once: one is held while the other answers.
        seen = len(log.read_text().splitlines())
        with one_worker_held(base, "/calendar.ics") as held:
            status, headers, body = browser.get("/calendar.ics", {"If-None-Match": old_etag})
        for answer in (body, held[0]):
            assert b"SUMMARY:After the change" in answer and b"Before the change" not in answer
            assert b"SEQUENCE:1" in answer
        assert status == 200 and headers["ETag"] != old_etag
        served = pids_serving(log, seen, "GET /calendar.ics 200")
        assert len(served) == 2, "both workers should have served the new feed"
        status, _, _ = browser.get("/calendar.ics", {"If-None-Match": headers["ETag"]})
        assert status == 304
