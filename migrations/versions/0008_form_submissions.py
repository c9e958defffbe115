"""Creating forms are idempotent against a double submit.

Revision ID: 0008_form_submissions
Revises: 0007_sessions
"""

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401

revision = "0008_form_submissions"
down_revision = "0007_sessions"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
