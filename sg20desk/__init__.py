"""sg20desk: a desktop companion for ITU-T study-group meetings."""

__version__ = "0.1.0"
APP_NAME = "sg20desk"
