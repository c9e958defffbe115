"""Each signature and host proposal records the language it was made in, for its emails.

Revision ID: 0014_signature_language
Revises: 0013_delivery_photo
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_signature_language"
down_revision = "0013_delivery_photo"
branch_labels = None
depends_on = None

TABLES = ("signature", "hosted_lobby")


def upgrade():
    # Rows made before the language was recorded were written to in English.
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("language", sa.String(length=8), nullable=False, server_default="en")
            )


def downgrade():
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("language")
