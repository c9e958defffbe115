"""The job queue's production path: RQ on Redis, a worker sending through real SMTP, retries."""

import subprocess
import sys
from pathlib import Path

import pytest
from rq import SimpleWorker

from organiser import jobs
from organiser.extensions import db
from organiser.petitions.models import Petition
from organiser.petitions.services import letter_signers
from tests.workers import process_env


@pytest.fixture
def rq_url(app, redis_url):
    """Jobs through RQ on the suite's Redis database, the queue emptied before and after."""
    jobs.rq_queue(redis_url).empty()
    app.config["JOBS_REDIS_URL"] = redis_url
    yield redis_url
    jobs.rq_queue(redis_url).empty()


def work(app, url: str) -> None:
    """Run an RQ worker until the queue is empty (no fork, in this app's context)."""
    queue = jobs.rq_queue(url)
    with app.app_context():
        SimpleWorker([queue], connection=queue.connection).work(burst=True, with_scheduler=True)


def test_signing_queues_mail_on_rq_and_a_worker_sends_it(
    app, client, petition, smtp, rq_url, count, sign_form
):
    app.config["JOBS_RETRY_DELAYS"] = [0, 0]
    smtp.fail_next = 1  # the first attempt is refused: RQ retries it
    assert client.submit(f"/petitions/{petition.slug}", sign_form).status_code == 302
    assert smtp.messages == []  # nothing is sent in the request
    assert jobs.rq_queue(rq_url).count == 1
    work(app, rq_url)
    work(app, rq_url)  # the retry
    message = smtp.wait_for(1)[0]
    client.get(smtp.links(message)["confirm"])
    assert count(petition) == 1


def test_letter_signers_are_named_only_with_consent(
    app, client, campaign, smtp, count, make_petition, sign_form
):
    petition = make_petition(campaign, title="Annex")
    for i, named in enumerate([True, False, True]):
        fields = {**sign_form, "email": f"s{i}@example.org", "name": f"Signer {i}"}
        if named:
            fields["name_in_letter"] = "y"
        client.submit(f"/petitions/{petition.slug}", fields)
    for message in smtp.wait_for(3):
        if "s2@" not in message["To"]:
            client.get(smtp.links(message)["confirm"])
    with app.app_context():
        assert letter_signers(petition.id) == [("Signer 0", "London", "GB")]
        assert db.session.get(Petition, petition.id).title == "Annex"
    assert count(petition) == 2


def test_with_the_queue_down_signing_says_so_and_signing_again_sends_the_link(
    app, client, petition, smtp, count, rows, sign_form, unreachable_redis_url
):
    app.config["JOBS_REDIS_URL"] = unreachable_redis_url
    url = f"/petitions/{petition.slug}"
    response = client.submit(url, sign_form)
    assert response.status_code == 503
    assert "We could not send your confirmation email" in response.get_data(as_text=True)
    assert [row.confirm_sent_at for row in rows()] == [None]  # saved, and free to resend

    app.config["JOBS_REDIS_URL"] = None  # the queue is back (in-process here)
    assert client.submit(url, sign_form).status_code == 302
    message = smtp.wait_for(1)[0]
    assert client.get(smtp.links(message)["confirm"]).status_code == 200
    assert count(petition) == 1 and len(rows()) == 1


def test_with_the_queue_down_the_petition_page_still_answers(
    app, client, petition, shown_count, unreachable_redis_url
):
    app.config["PETITION_STATS_SECONDS"] = 30  # breakdowns computed by a job...
    app.config["JOBS_REDIS_URL"] = unreachable_redis_url  # ...that cannot be queued
    page = client.get(f"/petitions/{petition.slug}")
    assert page.status_code == 200 and shown_count(page.get_data(as_text=True)) == 0


def test_flask_jobs_worker_sends_the_queued_mail(
    app, client, petition, smtp, rq_url, count, sign_form
):
    assert client.submit(f"/petitions/{petition.slug}", sign_form).status_code == 302
    assert jobs.rq_queue(rq_url).count == 1
    env = process_env(
        app, JOBS_REDIS_URL=rq_url, MAIL_SERVER="127.0.0.1", MAIL_PORT=str(app.config["MAIL_PORT"])
    )
    flask = Path(sys.executable).parent / "flask"
    worker = subprocess.run(
        [str(flask), "jobs-worker", "--burst"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert worker.returncode == 0, worker.stderr
    message = smtp.wait_for(1)[0]
    assert client.get(smtp.links(message)["confirm"]).status_code == 200
    assert count(petition) == 1
