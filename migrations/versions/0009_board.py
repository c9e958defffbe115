"""The day's board: each lobby's state through the day, with its audit trail.

Revision ID: 0009_board
Revises: 0008_form_submissions
"""

revision = "0009_board"
down_revision = "0008_form_submissions"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
