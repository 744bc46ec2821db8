"""Agenda numbering computed from the shape of the tree.

An agenda is a forest of items, each with a parent (or none) and a position among its
siblings. Numbered items get ``1``, ``7.1``, ``8.2.1`` from their place; unnumbered lines
(the dashes under 19.1 in an ITU agenda) take no number and do not consume one. A numbered
item below an unnumbered line counts at the level of its nearest numbered ancestor, in
reading order, which is what a reader of the printed agenda expects.

The rule is written once, over an *outline*: two functions giving an item's children in
order and whether it is numbered. :func:`number_outline` numbers a whole forest or one
branch of it; :func:`number_of` finds one item's number while looking at as little of the
outline as it can, so an editor can name "7.3" without reading the whole agenda.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)

#: an item's children in reading order (``None``: the top level)
Children = Callable[[K | None], Sequence[K]]
#: whether an item carries a number
Numbered = Callable[[K], bool]
#: an item's parent (``None`` at the top level)
Parent = Callable[[K], K | None]


@dataclass(frozen=True, slots=True)
class Node(Generic[K]):
    """One agenda item as the numbering sees it."""

    key: K
    parent: K | None
    position: int
    numbered: bool = True


def children_by_parent(nodes: Iterable[Node[K]]) -> dict[K | None, list[Node[K]]]:
    """Group nodes under their parent, siblings sorted by position (stable on ties)."""
    groups: dict[K | None, list[Node[K]]] = defaultdict(list)
    for node in nodes:
        groups[node.parent].append(node)
    for siblings in groups.values():
        siblings.sort(key=lambda n: n.position)
    return dict(groups)


def walk(nodes: Iterable[Node[K]]) -> list[tuple[Node[K], int]]:
    """Depth-first order of the forest with each node's depth (roots at 0).

    Nodes whose parent is missing from ``nodes`` are treated as roots, so a damaged tree
    still shows every item instead of hiding some.
    """
    node_list = list(nodes)
    known = {n.key for n in node_list}
    groups = children_by_parent(
        Node(n.key, n.parent if n.parent in known else None, n.position, n.numbered)
        for n in node_list
    )
    out: list[tuple[Node[K], int]] = []
    seen: set[K] = set()
    stack: list[tuple[Node[K], int]] = [(n, 0) for n in reversed(groups.get(None, []))]
    while stack:
        node, depth = stack.pop()
        if node.key in seen:  # a cycle: never loop forever
            continue
        seen.add(node.key)
        out.append((node, depth))
        stack.extend((c, depth + 1) for c in reversed(groups.get(node.key, [])))
    return out


class _Level:
    """One numbering level: the number its items extend and how many it has given."""

    __slots__ = ("count", "prefix")

    def __init__(self, prefix: str | None) -> None:
        self.prefix = prefix
        self.count = 0


def branch(key: K, children: Children[K]) -> list[K]:
    """The item and everything under it in reading order (each once, even in a cycle)."""
    out: list[K] = []
    seen: set[K] = set()
    stack = [key]
    while stack:
        item = stack.pop()
        if item in seen:
            continue
        seen.add(item)
        out.append(item)
        stack.extend(reversed(children(item)))
    return out


def number_outline(
    children: Children[K], numbered: Numbered[K], root: K | None = None, prefix: str | None = None
) -> dict[K, str | None]:
    """Number everything below ``root`` (the whole forest when None), ``root`` excluded.

    ``prefix`` is the number of ``root``'s own numbering level: root's number when root is
    numbered. Items come out in reading order, each mapped to its number or ``None``.
    """
    numbers: dict[K, str | None] = {}
    stack: list[tuple[K, _Level]] = []
    top = _Level(prefix)
    stack.extend((key, top) for key in reversed(children(root)))
    while stack:
        key, level = stack.pop()
        if key in numbers:  # a cycle: never loop forever
            continue
        inner = level  # a line's children count at the line's own level
        if numbered(key):
            level.count += 1
            own = f"{level.prefix}.{level.count}" if level.prefix else str(level.count)
            numbers[key] = own
            inner = _Level(own)
        else:
            numbers[key] = None
        stack.extend((child, inner) for child in reversed(children(key)))
    return numbers


def compute_numbers(nodes: Iterable[Node[K]]) -> dict[K, str | None]:
    """Map every key to its dotted number, or ``None`` for an unnumbered line."""
    node_list = list(nodes)
    known = {n.key for n in node_list}
    groups = children_by_parent(
        Node(n.key, n.parent if n.parent in known else None, n.position, n.numbered)
        for n in node_list
    )
    order = {key: [n.key for n in group] for key, group in groups.items()}
    flags = {n.key: n.numbered for n in node_list}
    numbers = number_outline(lambda key: order.get(key, ()), flags.__getitem__)
    for node in node_list:  # items caught in a cycle are left out of reading order
        numbers.setdefault(node.key, None)
    return numbers


#: how many numbers the children of a parent (``None``: the top level) that come before
#: one of them take: numbered items count one, unnumbered lines what they contain
CountBefore = Callable[[K | None, K], int]


def counting_in(children: Children[K], numbered: Numbered[K]) -> CountBefore[K]:
    """The :data:`CountBefore` of an outline held in memory."""

    def count_before(container: K | None, step: K) -> int:
        total = 0
        for sibling in children(container):
            if sibling == step:
                break
            total += numbers_taken(sibling, children, numbered)
        return total

    return count_before


def number_of(
    key: K, parent: Parent[K], numbered: Numbered[K], count_before: CountBefore[K]
) -> str | None:
    """The number of one item, looking only at the levels above it.

    Counts the numbered items before ``key`` at its numbering level: its siblings, and
    through any unnumbered line on the way, that line's siblings and descendants.
    ``count_before`` may be answered from memory (:func:`counting_in`) or by the store.
    """
    if not numbered(key):
        return None
    path = [key]  # key and the unnumbered lines above it, up to its numbering level
    owner = parent(key)
    seen = {key}
    while owner is not None and not numbered(owner) and owner not in seen:
        seen.add(owner)
        path.append(owner)
        owner = parent(owner)
    count = 1
    container = owner
    for step in reversed(path):
        count += count_before(container, step)
        container = step
    prefix = number_of(owner, parent, numbered, count_before) if owner is not None else None
    return f"{prefix}.{count}" if prefix else str(count)


def numbers_taken(key: K, children: Children[K], numbered: Numbered[K]) -> int:
    """How many numbers ``key`` takes at its level: 1, or its line's numbered contents."""
    total, stack, seen = 0, [key], set()
    while stack:
        item = stack.pop()
        if item in seen:
            continue
        seen.add(item)
        if numbered(item):
            total += 1
        else:
            stack.extend(children(item))
    return total
