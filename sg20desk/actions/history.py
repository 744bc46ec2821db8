"""Undo and redo for every user action, without Qt.

An action is recorded as the rows it changed, each with its state before and after. Doing,
undoing and redoing all write through :func:`apply_rows`, one transaction each, so undo
restores exactly what was there: same identifiers, same positions, same text.

Rows that carry a ``version`` are written only if nobody changed them since: an undo of a
row that another window edited in the meantime is refused (:class:`StaleEditError`) and
changes nothing, instead of overwriting the newer edit.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Executable, Table, bindparam, delete, insert, select, update

from sg20desk.db import schema
from sg20desk.db.store import Store

Row = dict[str, Any]


class StaleEditError(Exception):
    """A row changed elsewhere since this history last wrote it; nothing was written."""


class ActionError(Exception):
    """An action that cannot be done as asked (the message says why); nothing changed."""


@dataclass
class RowChange:
    """One row of ``table``: ``before`` is None for an insert, ``after`` None for a delete."""

    table: Table
    before: Row | None
    after: Row | None

    def key(self) -> tuple[Any, ...]:
        row = self.after if self.after is not None else self.before
        assert row is not None
        return tuple(row[c.name] for c in self.table.primary_key.columns)


def changed(table: Table, row: Row, **values: Any) -> RowChange | None:
    """The change that sets ``values`` on ``row``, or None when they are already set."""
    if all(row[k] == v for k, v in values.items()):
        return None
    return RowChange(table, dict(row), {**row, **values})


def _versioned(table: Table) -> bool:
    return "version" in table.c


def _describe(table: Table, row: Row) -> str:
    label = row.get("title") or row.get("label") or row.get("designation") or ""
    return f'{table.name.replace("_", " ")} "{label}"' if label else table.name.replace("_", " ")


Versions = dict[tuple[str, tuple[Any, ...]], int]

_STATEMENTS: dict[tuple[str, str, tuple[str, ...]], Executable] = {}


def _statement(table: Table, kind: str, columns: tuple[str, ...]) -> Executable:
    """The insert, or the version-checked update or delete of ``columns``, built once.

    Rows are matched by ``key_<column>`` of the primary key and ``expect_version``; an
    update sets ``new_<column>``. Building a statement costs more than running it.
    """
    cache_key = (table.name, kind, columns)
    statement = _STATEMENTS.get(cache_key)
    if statement is None:
        if kind == "insert":
            statement = insert(table)
        else:
            where = [c == bindparam(f"key_{c.name}") for c in table.primary_key.columns]
            if _versioned(table):
                where.append(table.c.version == bindparam("expect_version"))
            if kind == "delete":
                statement = delete(table).where(*where)
            else:
                values: dict[Any, Any] = {
                    table.c[name]: bindparam(f"new_{name}") for name in columns
                }
                statement = update(table).where(*where).values(values)
        _STATEMENTS[cache_key] = statement
    return statement


def apply_rows(
    connection: Connection, rows: Sequence[RowChange], *, forward: bool, versions: Versions
) -> Versions:
    """Write ``rows`` forward (before → after) or backward (after → before), in order.

    Backward goes through the rows in reverse, so whatever was inserted first is removed
    last and parents come back before their children. ``versions`` holds the version this
    history last gave each row it wrote (later steps, since undone, bumped them past what
    a step recorded); the returned mapping holds the versions after this write, to keep
    once the transaction has committed.
    """
    written: Versions = {}
    for change in rows if forward else reversed(rows):
        expect, target = (change.before, change.after) if forward else (change.after, change.before)
        table = change.table
        key = (table.name, change.key())
        if expect is None:
            assert target is not None
            connection.execute(_statement(table, "insert", ()), [target])
            if _versioned(table):
                written[key] = target["version"]
            continue
        parameters = {f"key_{c.name}": expect[c.name] for c in table.primary_key.columns}
        if _versioned(table):
            version = written.get(key) or versions.get(key) or int(expect["version"])
            parameters["expect_version"] = version
        if target is None:
            result = connection.execute(_statement(table, "delete", ()), parameters)
        else:
            # only what differs: the version check already proves the rest is as recorded
            values = {k: v for k, v in target.items() if k not in expect or expect[k] != v}
            if _versioned(table):
                values["version"] = written[key] = version + 1
            parameters.update((f"new_{k}", v) for k, v in values.items())
            result = connection.execute(_statement(table, "update", tuple(values)), parameters)
        if result.rowcount != 1:
            raise StaleEditError(
                f"the {_describe(table, expect)} was changed or removed elsewhere since; "
                "nothing was changed"
            )
    return written


@dataclass
class Step:
    """One undo step: a named user action and the rows it changed."""

    name: str
    rows: list[RowChange]
    meeting_id: uuid.UUID | None = None
    # what a screen should select after doing (or redoing) the step
    focus: list[uuid.UUID] = field(default_factory=list)


Builder = Callable[[Connection], Step | None]


class History:
    """The undo and redo stacks of one open store.

    ``listeners`` are called with the step after every do, undo and redo, so a window
    can show what it changed and rename its Undo and Redo menu entries.
    """

    def __init__(self, store: Store, limit: int = 500) -> None:
        self.store = store
        self.limit = limit
        self._versions: Versions = {}
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self.listeners: list[Callable[[Step], None]] = []

    def do(self, build: Builder) -> Step | None:
        """Run ``build`` in one write transaction; it reads and returns the rows to change.

        ``build`` may raise :class:`ActionError`; then nothing is written and no step is
        recorded. A builder that finds nothing to change returns None.
        """
        with self.store.transaction() as connection:
            step = build(connection)
            if step is None or not step.rows:
                return None
            # the builder has just read every row it changes: its versions are the ones to check
            written = apply_rows(connection, step.rows, forward=True, versions={})
        self._versions.update(written)
        self._undo.append(step)
        del self._undo[: -self.limit]
        self._redo.clear()
        self._notify(step)
        return step

    def undo(self) -> Step | None:
        """Take back the last step; None when there is none."""
        return self._replay(self._undo, self._redo, forward=False)

    def redo(self) -> Step | None:
        """Do again the last step undone; None when there is none."""
        return self._replay(self._redo, self._undo, forward=True)

    def _replay(self, source: list[Step], target: list[Step], *, forward: bool) -> Step | None:
        if not source:
            return None
        step = source[-1]
        with self.store.transaction() as connection:
            written = apply_rows(connection, step.rows, forward=forward, versions=self._versions)
        self._versions.update(written)  # only once committed: a refused step changes nothing
        target.append(source.pop())
        self._notify(step)
        return step

    @property
    def undo_name(self) -> str | None:
        return self._undo[-1].name if self._undo else None

    @property
    def redo_name(self) -> str | None:
        return self._redo[-1].name if self._redo else None

    def _notify(self, step: Step) -> None:
        for listener in list(self.listeners):
            listener(step)


def rows_of(connection: Connection, table: Table, *where: Any) -> list[Row]:
    """Whole rows of ``table`` as plain dicts, the form :class:`RowChange` keeps."""
    return [dict(r._mapping) for r in connection.execute(select(table).where(*where))]


def meeting_row(connection: Connection, meeting_id: Any) -> Row:
    """The meeting's stored row, for a builder; :class:`ActionError` when it was deleted."""
    found = rows_of(connection, schema.meeting, schema.meeting.c.id == meeting_id)
    if not found:
        raise ActionError("the meeting no longer exists")
    return found[0]
