"""Built-in data of sg20desk, read through ``importlib.resources`` as ``sg20desk.resources``."""
