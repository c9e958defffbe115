"""The job queue's production path: RQ on Redis, a worker sending through real SMTP, retries."""

import os

import pytest
import redis
from rq import SimpleWorker

from organiser import jobs
from organiser.extensions import db
from organiser.petitions.models import Petition
from organiser.petitions.services import letter_signers
from tests.petitions.conftest import SIGNER, Inbox, count, make_petition

REDIS_URL = "redis://127.0.0.1:6379/12"


@pytest.fixture
def rq_url(app):
    """Jobs through RQ on a Redis database of this suite's own, emptied before and after."""
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.RedisError as error:
        if os.environ.get("CI"):
            pytest.fail(f"Redis must run in CI: {error}")
        print(f"\nSKIPPING RQ test: Redis not reachable ({error})")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    jobs.rq_queue(REDIS_URL).empty()
    app.config["JOBS_REDIS_URL"] = REDIS_URL
    yield REDIS_URL
    jobs.rq_queue(REDIS_URL).empty()


def work(app, url: str) -> None:
    """Run an RQ worker until the queue is empty (no fork, in this app's context)."""
    queue = jobs.rq_queue(url)
    with app.app_context():
        SimpleWorker([queue], connection=queue.connection).work(burst=True, with_scheduler=True)


def test_signing_queues_mail_on_rq_and_a_worker_sends_it(app, client, petition, smtp, rq_url):
    app.config["JOBS_RETRY_DELAYS"] = [0, 0]
    smtp.fail_next = 1  # the first attempt is refused: RQ retries it
    assert client.submit(f"/petitions/{petition.slug}", SIGNER).status_code == 302
    assert smtp.messages == []  # nothing is sent in the request
    assert jobs.rq_queue(rq_url).count == 1
    work(app, rq_url)
    work(app, rq_url)  # the retry
    message = smtp.wait_for(1)[0]
    client.get(Inbox.links(message)["confirm"])
    assert count(app, petition) == 1


def test_letter_signers_are_named_only_with_consent(app, client, campaign, smtp):
    petition = make_petition(app, campaign, title="Annex")
    for i, named in enumerate([True, False, True]):
        fields = {**SIGNER, "email": f"s{i}@example.org", "name": f"Signer {i}"}
        if named:
            fields["name_in_letter"] = "y"
        client.submit(f"/petitions/{petition.slug}", fields)
    for message in smtp.wait_for(3):
        if "s2@" not in message["To"]:
            client.get(Inbox.links(message)["confirm"])
    with app.app_context():
        assert letter_signers(petition.id) == [("Signer 0", "London", "GB")]
        assert db.session.get(Petition, petition.id).title == "Annex"
    assert count(app, petition) == 2
