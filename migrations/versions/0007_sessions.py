"""Revocable organiser sessions: each account's session token, and removed accounts.

Revision ID: 0007_sessions
Revises: 0006_mail_outbox

Both columns start empty: sessions from before this migration hold no token, so every
organiser logs in once again.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_sessions"
down_revision = "0006_mail_outbox"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE ... ADD COLUMN on every database: no table copy on SQLite (which would
    # drop and recreate organiser, cascading to campaign_owner).
    op.add_column("organiser", sa.Column("session_token", sa.String(length=64), nullable=True))
    op.add_column("organiser", sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    # SQLite 3.35 and later drop a column in place too.
    op.drop_column("organiser", "removed_at")
    op.drop_column("organiser", "session_token")
