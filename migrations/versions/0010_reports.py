"""Reports of the day with photos; a photo of the stamped copy on a delivery.

Photos are stored in the database (every worker and app server sees them), re-encoded
without metadata; a lobby's report carries up to six of them, each with the
photographer's consent.

Revision ID: 0010_reports
Revises: 0009_board
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_reports"
down_revision = "0009_board"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "photo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("content_type", sa.String(length=32), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_photo")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "lobby_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lobby_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("attendance", sa.Integer(), nullable=True),
        sa.Column("response", sa.String(length=2000), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["lobby_id"],
            ["lobby.id"],
            name=op.f("fk_lobby_report_lobby_id_lobby"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lobby_report")),
        sa.UniqueConstraint("lobby_id", name=op.f("uq_lobby_report_lobby_id")),
    )
    op.create_table(
        "report_photo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("photo_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("caption", sa.String(length=300), nullable=False),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["photo_id"],
            ["photo.id"],
            name=op.f("fk_report_photo_photo_id_photo"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["lobby_report.id"],
            name=op.f("fk_report_photo_report_id_lobby_report"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_photo")),
    )
    with op.batch_alter_table("report_photo", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_photo_photo_id"), ["photo_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_report_photo_report_id"), ["report_id"], unique=False)


def downgrade():
    with op.batch_alter_table("report_photo", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_photo_report_id"))
        batch_op.drop_index(batch_op.f("ix_report_photo_photo_id"))
    op.drop_table("report_photo")
    op.drop_table("lobby_report")
    op.drop_table("photo")
