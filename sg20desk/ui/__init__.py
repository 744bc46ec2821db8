"""The PySide6 window: the only part of sg20desk that imports Qt."""
