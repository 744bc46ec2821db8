"""Reference data shipped in ``resources/``: the procedure terms and the Member States."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from sg20desk.rules.procedures import Terms, read_terms

PROCEDURES_FILE = "procedures.json"
MEMBER_STATES_FILE = "member_states.txt"


@cache
def procedure_terms() -> Terms:
    """The periods and threshold of TAP and AAP (see :mod:`sg20desk.rules.procedures`)."""
    text = (files("sg20desk.resources") / "rules" / PROCEDURES_FILE).read_text("utf-8")
    return read_terms(text, PROCEDURES_FILE)


@cache
def member_states() -> tuple[str, ...]:
    """The ITU Member States, by the names replies are recorded under."""
    text = (files("sg20desk.resources") / MEMBER_STATES_FILE).read_text("utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


#: what the Administration's profile holds, as the Annex 2 form asks (see actions.drafts)
PROFILE_FIELDS = ("name", "role", "address", "member_state", "email", "fax", "place")


def known_member_state(name: str) -> str | None:
    """The listed spelling of ``name`` (case and spacing aside), or None if not listed."""
    wanted = " ".join(name.split()).casefold()
    for state in member_states():
        if state.casefold() == wanted:
            return state
    return None
