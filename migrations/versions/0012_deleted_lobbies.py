"""Deleted lobbies stay in the feeds as cancelled events until their date passes.

Revision ID: 0012_deleted_lobbies
Revises: 0011_hosting
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_deleted_lobbies"
down_revision = "0011_hosting"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "deleted_lobby",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=255), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("venue", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("postcode", sa.String(length=20), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("campaign_name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_deleted_lobby_campaign_id_campaign"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deleted_lobby")),
        sa.UniqueConstraint("uid", name=op.f("uq_deleted_lobby_uid")),
    )
    with op.batch_alter_table("deleted_lobby", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deleted_lobby_campaign_id"), ["campaign_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_deleted_lobby_city"), ["city"], unique=False)
        batch_op.create_index(batch_op.f("ix_deleted_lobby_ends_at"), ["ends_at"], unique=False)


def downgrade():
    with op.batch_alter_table("deleted_lobby", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deleted_lobby_ends_at"))
        batch_op.drop_index(batch_op.f("ix_deleted_lobby_city"))
        batch_op.drop_index(batch_op.f("ix_deleted_lobby_campaign_id"))
    op.drop_table("deleted_lobby")
