from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sg20desk.rules.numbering import (
    Node,
    compute_numbers,
    counting_in,
    number_of,
    number_outline,
    walk,
)


def test_numbers_follow_tree_and_skip_unnumbered_lines() -> None:
    nodes = [
        Node("a", None, 0),
        Node("b", None, 1),
        Node("b1", "b", 0),
        Node("b2", "b", 1),
        Node("b21", "b2", 0),
        Node("line", "b", 2, numbered=False),
        Node("b3", "b", 3),
        Node("c", None, 2),
    ]
    numbers = compute_numbers(nodes)
    assert numbers == {
        "a": "1",
        "b": "2",
        "b1": "2.1",
        "b2": "2.2",
        "b21": "2.2.1",
        "line": None,
        "b3": "2.3",
        "c": "3",
    }


def test_position_not_input_order_decides() -> None:
    numbers = compute_numbers([Node("late", None, 5), Node("early", None, 1)])
    assert numbers == {"early": "1", "late": "2"}


def test_orphans_and_cycles_still_show_every_item_once() -> None:
    nodes = [Node("x", "missing", 0), Node("p", "q", 0), Node("q", "p", 0)]
    seen = [n.key for n, _ in walk(nodes)]
    assert "x" in seen
    assert len(seen) == len(set(seen))


@st.composite
def forests(draw: st.DrawFn) -> list[Node[int]]:
    size = draw(st.integers(min_value=1, max_value=40))
    nodes: list[Node[int]] = []
    for key in range(size):
        parent = draw(st.one_of(st.none(), st.integers(0, key - 1))) if key else None
        nodes.append(Node(key, parent, draw(st.integers(0, 100)), draw(st.booleans())))
    return nodes


@given(forests())
def test_numbering_invariants(nodes: list[Node[int]]) -> None:
    numbers = compute_numbers(nodes)
    numbered = [n for n in nodes if n.numbered]
    values = [numbers[n.key] for n in numbered]
    # every numbered item has a number, and no two share one
    assert all(values) and len(set(values)) == len(values)
    # unnumbered lines never take a number
    assert all(numbers[n.key] is None for n in nodes if not n.numbered)
    # a numbered child extends its nearest numbered ancestor's number
    by_key = {n.key: n for n in nodes}
    for node in numbered:
        ancestor = node.parent
        while ancestor is not None and numbers[ancestor] is None:
            ancestor = by_key[ancestor].parent
        own = numbers[node.key]
        assert own is not None
        if ancestor is None:
            assert "." not in own
        else:
            assert own.rsplit(".", 1)[0] == numbers[ancestor]


def _outline(nodes: list[Node[int]]) -> tuple[dict[int | None, list[int]], dict[int, Node[int]]]:
    order: dict[int | None, list[int]] = {}
    for node, _depth in walk(nodes):
        order.setdefault(node.parent, []).append(node.key)
    return order, {n.key: n for n in nodes}


@given(forests())
def test_one_item_or_one_branch_numbers_as_the_whole_agenda_does(nodes: list[Node[int]]) -> None:
    everything = compute_numbers(nodes)
    order, by_key = _outline(nodes)

    def children(key: int | None) -> list[int]:
        return order.get(key, [])

    def numbered(key: int) -> bool:
        return by_key[key].numbered

    def parent(key: int) -> int | None:
        return by_key[key].parent

    for key in by_key:
        count = counting_in(children, numbered)
        assert number_of(key, parent, numbered, count) == everything[key]
        if numbered(key):  # a numbered branch renumbers alone, below its own number
            branch = number_outline(children, numbered, key, everything[key])
            assert branch == {k: everything[k] for k in branch}


def test_lines_pass_their_contents_to_the_level_above() -> None:
    nodes = [
        Node("a", None, 0),
        Node("line", None, 1, numbered=False),
        Node("inside", "line", 0),
        Node("deeper", "inside", 0),
        Node("b", None, 2),
    ]
    assert compute_numbers(nodes) == {
        "a": "1",
        "line": None,
        "inside": "2",
        "deeper": "2.1",
        "b": "3",
    }
