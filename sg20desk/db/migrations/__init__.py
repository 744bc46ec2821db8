"""Alembic migrations of the sg20desk store (run by sg20desk.db.migrate)."""
