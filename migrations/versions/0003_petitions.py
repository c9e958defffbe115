"""petitions and signatures

Revision ID: 0003_petitions
Revises: 0002_feeds
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_petitions"
down_revision = "0002_feeds"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "petition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("goal", sa.Integer(), nullable=False),
        sa.Column("opens_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('open', 'closed')", name=op.f("ck_petition_status")),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_petition_campaign_id_campaign"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["target.id"],
            name=op.f("fk_petition_target_id_target"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_petition")),
        sa.UniqueConstraint("slug", name=op.f("uq_petition_slug")),
    )
    with op.batch_alter_table("petition", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_petition_campaign_id"), ["campaign_id"], unique=False)

    op.create_table(
        "signature",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("petition_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("email_key", sa.String(length=254), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("show_name", sa.Boolean(), nullable=False),
        sa.Column("name_in_letter", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("ip", sa.String(length=45), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirm_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("invalidated_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("source IN ('online', 'paper')", name=op.f("ck_signature_source")),
        sa.ForeignKeyConstraint(
            ["petition_id"],
            ["petition.id"],
            name=op.f("fk_signature_petition_id_petition"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signature")),
        sa.UniqueConstraint(
            "petition_id", "email_key", name=op.f("uq_signature_petition_id_email_key")
        ),
    )
    with op.batch_alter_table("signature", schema=None) as batch_op:
        batch_op.create_index(
            op.f("ix_signature_petition_id_confirmed_at"),
            ["petition_id", "confirmed_at"],
            unique=False,
        )

    op.create_table(
        "signature_count",
        sa.Column("petition_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["petition_id"],
            ["petition.id"],
            name=op.f("fk_signature_count_petition_id_petition"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("petition_id", "slot", name=op.f("pk_signature_count")),
    )
    op.create_table(
        "petition_summary",
        sa.Column("petition_id", sa.Integer(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["petition_id"],
            ["petition.id"],
            name=op.f("fk_petition_summary_petition_id_petition"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("petition_id", name=op.f("pk_petition_summary")),
    )


def downgrade():
    op.drop_table("petition_summary")
    op.drop_table("signature_count")
    with op.batch_alter_table("signature", schema=None) as batch_op:
        batch_op.drop_index(op.f("ix_signature_petition_id_confirmed_at"))
    op.drop_table("signature")
    with op.batch_alter_table("petition", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_petition_campaign_id"))
    op.drop_table("petition")
