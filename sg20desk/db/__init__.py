"""The local store: SQLAlchemy models, the engine with its pragmas, migrations, backups."""
