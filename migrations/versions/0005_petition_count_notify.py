"""petition counts: notify listening processes when a count changes (PostgreSQL)

Revision ID: 0005_petition_count_notify
Revises: 0004_letters
"""

from alembic import op

revision = "0005_petition_count_notify"
down_revision = "0004_letters"
branch_labels = None
depends_on = None

NOTIFY_FUNCTION = """CREATE OR REPLACE FUNCTION notify_petition_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('petition_count', OLD.petition_id::text);
  ELSE
    PERFORM pg_notify('petition_count', NEW.petition_id::text);
  END IF;
  RETURN NULL;
END $$"""


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(NOTIFY_FUNCTION)
    op.execute(
        "CREATE TRIGGER signature_count_notify AFTER INSERT OR UPDATE OR DELETE "
        "ON signature_count FOR EACH ROW EXECUTE FUNCTION notify_petition_count()"
    )


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS signature_count_notify ON signature_count")
    op.execute("DROP FUNCTION IF EXISTS notify_petition_count()")
