"""Revocable organiser sessions (each account's session token, removed accounts), and the
rate-limit counters every worker shares (rate_limits.py).

Revision ID: 0007_sessions
Revises: 0006_mail_outbox

Both organiser columns start empty: sessions from before this migration hold no token, so
every organiser logs in once again.
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
    op.create_table(
        "rate_limit_counter",
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_limit_counter")),
    )
    op.create_index(
        op.f("ix_rate_limit_counter_expires_at"), "rate_limit_counter", ["expires_at"]
    )


def downgrade():
    op.drop_index(op.f("ix_rate_limit_counter_expires_at"), table_name="rate_limit_counter")
    op.drop_table("rate_limit_counter")
    # SQLite 3.35 and later drop a column in place too.
    op.drop_column("organiser", "removed_at")
    op.drop_column("organiser", "session_token")
