"""Calendar feeds per language: no schema change. lobby_event keeps the English VEVENTs;
other languages' are kept per worker on the same revision (organiser/feeds/translated.py).
Kept, empty, so the chain of revisions stays as it was laid out.

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
