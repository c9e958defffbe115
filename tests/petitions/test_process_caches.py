"""What a process keeps of petitions (their facts, their rendered pages) is kept in the one
per-process cache helper, so a new app or a forked worker starts with none of it."""

from sqlalchemy import update

from organiser import caching, jobs
from organiser.extensions import db
from organiser.petitions.models import Petition


def rename_elsewhere(app, petition, title: str) -> None:
    """Retitle the petition as another worker would: this process's render is not told."""
    with app.app_context():
        db.session.execute(update(Petition).where(Petition.id == petition.id).values(title=title))
        db.session.commit()


def test_what_a_process_keeps_of_petitions_is_forgotten_with_every_other_cache(
    app, client, petition
):
    app.config["PETITION_STATS_SECONDS"] = 30  # anonymous readers get a kept render
    url = f"/petitions/{petition.slug}"
    client.get(url)  # queues the breakdowns; the page is kept once they are ready
    assert jobs.wait_idle(timeout=30)
    assert "Free the Zhanaozen" in client.get(url).get_data(as_text=True)
    rename_elsewhere(app, petition, "Retitled elsewhere")
    assert "Free the Zhanaozen" in client.get(url).get_data(as_text=True)  # the kept render

    caching.clear_all()  # what building an app, or forking a worker, does
    assert "Retitled elsewhere" in client.get(url).get_data(as_text=True)
