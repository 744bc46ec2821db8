"""What changed between two versions of an agenda.

Each version is a list of entries in reading order, as an issued revision stores them:
``id``, ``parent`` (an id or None), ``number`` (as printed, None for unnumbered lines),
``title`` and ``documents``. Items are matched by id, so an item that was moved and
renumbered is reported as such, not as one item removed and another added.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

Entry = Mapping[str, Any]

#: the label that names the agenda as it is now, next to the issued revisions' labels
CURRENT = "current"


class ChangeKind(Enum):
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"
    RENUMBERED = "renumbered"
    RETITLED = "retitled"
    DOCUMENTS = "documents changed"


@dataclass(frozen=True, slots=True)
class AgendaChange:
    kind: ChangeKind
    item_id: str
    number_before: str | None
    number_after: str | None
    title_before: str
    title_after: str
    documents_added: tuple[str, ...] = ()
    documents_removed: tuple[str, ...] = ()
    parent_before: str | None = None  # number (or title) of the parent
    parent_after: str | None = None

    def describe(self) -> str:
        """One line for a person: ``renumbered 7.3 → 7.4  Title``."""
        before = self.number_before or "–"
        after = self.number_after or "–"
        match self.kind:
            case ChangeKind.ADDED:
                return f"added {after}  {self.title_after}"
            case ChangeKind.REMOVED:
                return f"removed {before}  {self.title_before}"
            case ChangeKind.MOVED:
                if self.parent_before != self.parent_after:
                    where = f"from {_under(self.parent_before)} to {_under(self.parent_after)}"
                else:
                    where = f"within {self.parent_after or 'the top level'}"
                return f"moved {after}  {self.title_after} ({where})"
            case ChangeKind.RENUMBERED:
                return f"renumbered {before} → {after}  {self.title_after}"
            case ChangeKind.RETITLED:
                return f"retitled {after}  “{self.title_before}” → “{self.title_after}”"
            case ChangeKind.DOCUMENTS:
                parts = [f"+ {d}" for d in self.documents_added]
                parts += [f"− {d}" for d in self.documents_removed]
                if not parts:
                    return f"documents of {after} reordered"
                return f"documents of {after}: {', '.join(parts)}"
        raise AssertionError(self.kind)


def _under(parent: str | None) -> str:
    return "the top level" if parent is None else f"under {parent}"


def _lcs_keep(before: Sequence[str], after: Sequence[str]) -> set[str]:
    """The items of the longest run kept in the same relative order (the rest moved)."""
    n, m = len(before), len(after)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = (
                table[i + 1][j + 1] + 1
                if before[i] == after[j]
                else max(table[i + 1][j], table[i][j + 1])
            )
    keep: set[str] = set()
    i = j = 0
    while i < n and j < m:
        if before[i] == after[j]:
            keep.add(before[i])
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return keep


def _siblings(entries: Sequence[Entry], common: set[str]) -> dict[str | None, list[str]]:
    groups: dict[str | None, list[str]] = {}
    for e in entries:
        if e["id"] in common:
            groups.setdefault(e["parent"], []).append(e["id"])
    return groups


def _name(entries: Mapping[str, Entry], item_id: str | None) -> str | None:
    if item_id is None or item_id not in entries:
        return None
    e = entries[item_id]
    return str(e["number"]) if e.get("number") else f"“{e['title']}”"


def compare(before: Sequence[Entry], after: Sequence[Entry]) -> list[AgendaChange]:
    """Every change from ``before`` to ``after``: added, removed, moved, renumbered,
    retitled, documents changed; grouped by kind, each group in reading order."""
    old = {e["id"]: e for e in before}
    new = {e["id"]: e for e in after}
    common = set(old) & set(new)

    def change(kind: ChangeKind, item_id: str, **extra: Any) -> AgendaChange:
        o, n = old.get(item_id, {}), new.get(item_id, {})
        return AgendaChange(
            kind,
            item_id,
            o.get("number"),
            n.get("number"),
            o.get("title", ""),
            n.get("title", ""),
            **extra,
        )

    out: list[AgendaChange] = [
        change(ChangeKind.ADDED, e["id"]) for e in after if e["id"] not in old
    ]
    out += [change(ChangeKind.REMOVED, e["id"]) for e in before if e["id"] not in new]

    same_parent = {i for i in common if old[i]["parent"] == new[i]["parent"]}
    old_groups, new_groups = _siblings(before, same_parent), _siblings(after, same_parent)
    kept: set[str] = set()
    for parent, ids in new_groups.items():
        kept |= _lcs_keep(old_groups.get(parent, []), ids)
    for e in after:
        i = e["id"]
        if i in common and i not in kept:
            out.append(
                change(
                    ChangeKind.MOVED,
                    i,
                    parent_before=_name(old, old[i]["parent"]),
                    parent_after=_name(new, new[i]["parent"]),
                )
            )
    for kind, field in (
        (ChangeKind.RENUMBERED, "number"),
        (ChangeKind.RETITLED, "title"),
    ):
        out += [
            change(kind, e["id"])
            for e in after
            if e["id"] in common and old[e["id"]][field] != e[field]
        ]
    for e in after:
        if e["id"] not in common:
            continue
        was, now = list(old[e["id"]]["documents"]), list(e["documents"])
        if was != now:
            out.append(
                change(
                    ChangeKind.DOCUMENTS,
                    e["id"],
                    documents_added=tuple(d for d in now if d not in was),
                    documents_removed=tuple(d for d in was if d not in now),
                )
            )
    return out
