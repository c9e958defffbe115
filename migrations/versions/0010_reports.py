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
    )


def downgrade():
    op.drop_table("photo")
