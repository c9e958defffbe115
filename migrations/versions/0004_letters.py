"""protest letters and deliveries

Revision ID: 0004_letters
Revises: 0003_petitions
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_letters"
down_revision = "0003_petitions"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "letter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("lobby_id", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("opening", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("closing", sa.String(length=300), nullable=False),
        sa.Column("signatories", sa.Text(), nullable=False),
        sa.Column("include_annex", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_letter_campaign_id_campaign"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lobby_id"], ["lobby.id"], name=op.f("fk_letter_lobby_id_lobby"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter")),
        sa.UniqueConstraint(
            "campaign_id",
            "lobby_id",
            "language",
            name=op.f("uq_letter_campaign_id_lobby_id_language"),
        ),
    )
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letter_campaign_id"), ["campaign_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_letter_lobby_id"), ["lobby_id"], unique=False)
        batch_op.create_index(
            "uq_letter_campaign_language",
            ["campaign_id", "language"],
            unique=True,
            sqlite_where=sa.text("lobby_id IS NULL"),
            postgresql_where=sa.text("lobby_id IS NULL"),
        )

    op.create_table(
        "letter_pdf",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("lobby_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["lobby_id"],
            ["lobby.id"],
            name=op.f("fk_letter_pdf_lobby_id_lobby"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_letter_pdf")),
    )
    with op.batch_alter_table("letter_pdf", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letter_pdf_lobby_id"), ["lobby_id"], unique=False)

    op.create_table(
        "delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lobby_id", sa.Integer(), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_by", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.String(length=1000), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["lobby_id"], ["lobby.id"], name=op.f("fk_delivery_lobby_id_lobby"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery")),
        sa.UniqueConstraint("lobby_id", name=op.f("uq_delivery_lobby_id")),
    )


def downgrade():
    op.drop_table("delivery")
    with op.batch_alter_table("letter_pdf", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letter_pdf_lobby_id"))
    op.drop_table("letter_pdf")
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.drop_index("uq_letter_campaign_language")
        batch_op.drop_index(batch_op.f("ix_letter_lobby_id"))
        batch_op.drop_index(batch_op.f("ix_letter_campaign_id"))
    op.drop_table("letter")
