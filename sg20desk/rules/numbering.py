"""Agenda numbering computed from the shape of the tree.

An agenda is a forest of items, each with a parent (or none) and a position among its
siblings. Numbered items get ``1``, ``7.1``, ``8.2.1`` from their place; unnumbered lines
(the dashes under 19.1 in an ITU agenda) take no number and do not consume one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


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


def compute_numbers(nodes: Iterable[Node[K]]) -> dict[K, str | None]:
    """Map every key to its dotted number, or ``None`` for an unnumbered line.

    A numbered item below an unnumbered line counts at the level of its nearest numbered
    ancestor, in reading order, which is what a reader of the printed agenda expects.
    """
    numbers: dict[K, str | None] = {}
    counters: dict[K | None, int] = defaultdict(int)
    node_list = list(nodes)
    by_key = {n.key: n for n in node_list}
    for node, _depth in walk(node_list):
        if not node.numbered:
            numbers[node.key] = None
            continue
        level = _numbered_ancestor(node.parent, numbers, by_key)
        counters[level] += 1
        prefix = numbers[level] if level is not None else None
        numbers[node.key] = f"{prefix}.{counters[level]}" if prefix else str(counters[level])
    return numbers


def _numbered_ancestor(
    key: K | None, numbers: Mapping[K, str | None], by_key: Mapping[K, Node[K]]
) -> K | None:
    """The nearest ancestor (from ``key`` up) that carries a number, or None at the top."""
    seen: set[K] = set()
    while key is not None and key in by_key and key not in seen:
        if numbers.get(key) is not None:
            return key
        seen.add(key)
        key = by_key[key].parent
    return None
