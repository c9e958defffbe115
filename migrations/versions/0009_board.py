"""The day's board: each lobby's state through the day, with its audit trail.

Revision ID: 0009_board
Revises: 0008_form_submissions
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_board"
down_revision = "0008_form_submissions"
branch_labels = None
depends_on = None

STATES = (
    "planned",
    "under_way",
    "delivered",
    "refused",
    "doors_locked",
    "posted",
    "postponed",
    "cancelled",
)


def upgrade():
    op.create_table(
        "lobby_state_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lobby_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
        sa.CheckConstraint(f"state IN {STATES}", name=op.f("ck_lobby_state_change_state")),
        sa.ForeignKeyConstraint(
            ["lobby_id"],
            ["lobby.id"],
            name=op.f("fk_lobby_state_change_lobby_id_lobby"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lobby_state_change")),
    )
    with op.batch_alter_table("lobby_state_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lobby_state_change_lobby_id"), ["lobby_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("lobby_state_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lobby_state_change_lobby_id"))
    op.drop_table("lobby_state_change")
