"""Each signature and host proposal records the language it was made in, for its emails.

Revision ID: 0014_signature_language
Revises: 0013_delivery_photo
"""

revision = "0014_signature_language"
down_revision = "0013_delivery_photo"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
