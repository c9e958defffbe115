"""calendar feeds

Revision ID: 0002_feeds
Revises: 2346e67f62c6
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0002_feeds"
down_revision = "2346e67f62c6"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "feed_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_state")),
    )
    op.create_table(
        "lobby_event",
        sa.Column("lobby_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("ics", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["lobby_id"],
            ["lobby.id"],
            name=op.f("fk_lobby_event_lobby_id_lobby"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("lobby_id", name=op.f("pk_lobby_event")),
    )


def downgrade():
    op.drop_table("lobby_event")
    op.drop_table("feed_state")
