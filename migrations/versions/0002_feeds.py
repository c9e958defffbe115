"""calendar feeds

Revision ID: 0002_feeds
Revises: 2346e67f62c6
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0002_feeds"
down_revision = "2346e67f62c6"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
