"""Mail outbox: confirmation emails survive a worker's death.

Revision ID: 0006_mail_outbox
Revises: 0005_petition_count_notify
"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0006_mail_outbox"
down_revision = "0005_petition_count_notify"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
