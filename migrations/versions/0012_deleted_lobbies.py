"""Deleted lobbies stay in the feeds as cancelled events until their date passes.

Revision ID: 0012_deleted_lobbies
Revises: 0011_hosting
"""

revision = "0012_deleted_lobbies"
down_revision = "0011_hosting"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
