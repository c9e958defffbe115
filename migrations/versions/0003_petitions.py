"""petitions and signatures

Revision ID: 0003_petitions
Revises: 0002_feeds
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0003_petitions"
down_revision = "0002_feeds"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
