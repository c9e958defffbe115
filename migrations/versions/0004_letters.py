"""protest letters and deliveries

Revision ID: 0004_letters
Revises: 0003_petitions
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0004_letters"
down_revision = "0003_petitions"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
