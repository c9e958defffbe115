"""Reports of the day with photos; a photo of the stamped copy on a delivery.

Revision ID: 0010_reports
Revises: 0009_board
"""

revision = "0010_reports"
down_revision = "0009_board"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
