"""Allow ``python -m sg20desk``."""

from sg20desk.cli import main

raise SystemExit(main())
