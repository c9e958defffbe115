"""A photo of the stamped copy on a delivery (the delivery stays if the photo goes).

Revision ID: 0013_delivery_photo
Revises: 0012_deleted_lobbies
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_delivery_photo"
down_revision = "0012_deleted_lobbies"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.add_column(sa.Column("photo_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_delivery_photo_id_photo"),
            "photo",
            ["photo_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_delivery_photo_id_photo"), type_="foreignkey")
        batch_op.drop_column("photo_id")
