"""Revocable organiser sessions.

Revision ID: 0007_sessions
Revises: 0006_mail_outbox
"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0007_sessions"
down_revision = "0006_mail_outbox"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
