"""The committed migrations build exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import inspect, text

from organiser.extensions import db


def test_upgrade_on_an_empty_database_gives_the_models_schema(app):
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        assert inspect(db.engine).get_table_names() == []
        try:
            upgrade()
            with db.engine.connect() as connection:
                context = MigrationContext.configure(
                    connection, opts={"compare_type": True, "render_as_batch": True}
                )
                differences = compare_metadata(context, db.metadata)
            assert differences == []
            if db.engine.dialect.name == "postgresql":  # the count trigger (count_copy.py)
                with db.engine.connect() as connection:
                    triggers = connection.scalars(
                        text(
                            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal "
                            "AND tgrelid = 'signature_count'::regclass"
                        )
                    ).all()
                assert triggers == ["signature_count_notify"]
        finally:
            with db.engine.begin() as connection:
                connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
