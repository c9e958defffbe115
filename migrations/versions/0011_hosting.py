"""Local hosts propose lobbies; organisers approve or reject.

Revision ID: 0011_hosting
Revises: 0010_reports
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_hosting"
down_revision = "0010_reports"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("campaign", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("hosting_open", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "hosted_lobby",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("host_name", sa.String(length=100), nullable=False),
        sa.Column("host_email", sa.String(length=254), nullable=False),
        sa.Column("venue", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("postcode", sa.String(length=20), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("latitude", sa.Double(), nullable=True),
        sa.Column("longitude", sa.Double(), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("message", sa.String(length=1000), nullable=False),
        sa.Column("confirm_token_hash", sa.String(length=64), nullable=True),
        sa.Column("email_confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("host_token_hash", sa.String(length=64), nullable=True),
        sa.Column("lobby_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'rejected')", name=op.f("ck_hosted_lobby_status")
        ),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_hosted_lobby_ends_after_start")),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_hosted_lobby_campaign_id_campaign"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lobby_id"],
            ["lobby.id"],
            name=op.f("fk_hosted_lobby_lobby_id_lobby"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["target.id"],
            name=op.f("fk_hosted_lobby_target_id_target"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hosted_lobby")),
        sa.UniqueConstraint("confirm_token_hash", name=op.f("uq_hosted_lobby_confirm_token_hash")),
        sa.UniqueConstraint("host_token_hash", name=op.f("uq_hosted_lobby_host_token_hash")),
        sa.UniqueConstraint("lobby_id", name=op.f("uq_hosted_lobby_lobby_id")),
    )
    with op.batch_alter_table("hosted_lobby", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hosted_lobby_campaign_id"), ["campaign_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("hosted_lobby", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hosted_lobby_campaign_id"))
    op.drop_table("hosted_lobby")
    with op.batch_alter_table("campaign", schema=None) as batch_op:
        batch_op.drop_column("hosting_open")
