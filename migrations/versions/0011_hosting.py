"""Local hosts propose their city's lobby; organisers approve or reject.

Revision ID: 0011_hosting
Revises: 0010_reports
"""

revision = "0011_hosting"
down_revision = "0010_reports"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
