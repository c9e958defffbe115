"""Calendar feeds per language: cached event bytes per lobby and language.

Revision ID: 0015_feed_languages
Revises: 0014_signature_language
"""

revision = "0015_feed_languages"
down_revision = "0014_signature_language"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
