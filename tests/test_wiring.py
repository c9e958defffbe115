"""How features are wired: each through its init_app, listening on this app's session and
engine only, however many apps one process builds (the suite builds one per test)."""

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from organiser import create_app, database
from organiser.extensions import db
from organiser.feeds.models import FeedState
from organiser.lobbies.models import Campaign

SESSION_EVENTS = ("before_flush", "do_orm_execute", "after_commit")


def feed_version(app) -> int:
    """The feeds' change counter (0 before the first change)."""
    with app.app_context():
        return db.session.scalar(select(FeedState.version)) or 0


def listeners(dispatch, identifier: str) -> list:
    """The functions listening to one event of a session or a pool."""
    return list(getattr(dispatch, identifier))


def test_an_app_built_twice_listens_once_to_each_event(app):
    again = create_app(dict(app.config))
    for built in (app, again):
        with built.app_context():
            session = db.session()
            for identifier in SESSION_EVENTS:
                found = listeners(session.dispatch, identifier)
                assert len(found) == 1, (identifier, found)
            found = listeners(db.engine.pool.dispatch, "connect")
            assert found.count(database.sqlite_pragmas) == 1


def test_saving_a_campaign_raises_the_feed_version_once_after_another_app_is_built(
    app, organiser, campaign
):
    before = feed_version(app)
    create_app(dict(app.config))
    with app.app_context():
        db.session.get(Campaign, campaign.id).name = "Campaign Kazakhstan, renamed"
        db.session.commit()
    assert feed_version(app) == before + 1


def test_a_plain_sqlalchemy_session_writes_no_feed_tables(app, tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path}/plain.db")
    db.metadata.create_all(engine)
    with Session(engine) as session:
        for identifier in SESSION_EVENTS:
            assert listeners(session.dispatch, identifier) == [], identifier
        session.add(Campaign(slug="plain", name="Plain", organisation_name="Plain"))
        session.commit()
        assert session.scalar(select(func.count()).select_from(FeedState)) == 0
    engine.dispose()


def test_a_plain_engine_gets_none_of_the_apps_connection_settings(app, tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path}/plain.db")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 0
    assert database.sqlite_pragmas not in listeners(engine.pool.dispatch, "connect")
    engine.dispose()


def test_the_apps_own_sqlite_engine_enforces_foreign_keys_and_waits_for_locks(app, tmp_path):
    built = create_app({**app.config, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/app.db"})
    with built.app_context(), db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    with built.app_context():
        db.engine.dispose()
