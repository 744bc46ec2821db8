"""Reading document references the way people type them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sg20desk.rules.documents import (
    DocumentKind,
    DocumentRef,
    DocumentSyntaxError,
    designation_in,
    parse_document,
    parse_documents,
)


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("C 005", "C 005"),
        ("C 005 Rev.1", "C 005 Rev.1"),
        ("c5", "C 005"),
        ("C-123 rev 2", "C 123 Rev.2"),
        ("C005R1", "C 005 Rev.1"),
        ("TD 120 Rev.1", "TD120 Rev.1"),
        ("TD414-R1", "TD414 Rev.1"),
        ("td414-r1", "TD414 Rev.1"),
        ("TD891R2", "TD891 Rev.2"),
        ("TD 0891 (Rev.2)", "TD891 Rev.2"),
        ("TD120/WP1", "TD120/WP1"),
        ("TD 120 (WP1/20) Rev.3", "TD120/WP1 Rev.3"),
        ("td 7 / plen", "TD7/PLEN"),
        ("SG20-R12", "SG20-R12"),
        ("sg20 – r12", "SG20-R12"),
        ("SG20-TD414", "SG20-TD414"),
        ("Report 6", "Report 6"),
        ("LS", "LS"),
        ("LS 45", "LS 45"),
        ("Circular 106", "Circular 106"),
        ("TSB Circular 106", "Circular 106"),
        ("Collective letter 2/20", "COL 2/20"),
        ("  TD\t414   Rev.1 ", "TD414 Rev.1"),
        ("TD414 Rev.0", "TD414"),
    ],
)
def test_typed_forms_are_read_and_printed_one_way(typed: str, printed: str) -> None:
    assert str(parse_document(typed)) == printed


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "empty"),
        ("TD", "needs its number"),
        ("Report", "needs its number"),
        ("C 000", "number 0"),
        ("TDX414", "not a document reference"),
        ("Y.4241", "not a document reference"),
        ("TD414 Rev.", "not a document reference"),
        ("04/05/2026", "not a document reference"),
        ("SG20-Report 6", 'carry "SGnn-"'),
        ("C 5/WP1", "working party"),
    ],
)
def test_unreadable_references_are_refused_with_the_reason(typed: str, reason: str) -> None:
    with pytest.raises(DocumentSyntaxError, match=reason):
        parse_document(typed)


def test_a_list_names_the_entry_it_cannot_read() -> None:
    assert [str(d) for d in parse_documents("C 005; td414-r1,\nTD414 Rev.1, SG20-R12")] == [
        "C 005",
        "TD414 Rev.1",
        "SG20-R12",
    ]
    with pytest.raises(DocumentSyntaxError, match=r'entry 2 of 3: "TD-x"'):
        parse_documents("C 5, TD-x, LS")
    assert parse_documents("  ") == []


refs = st.builds(
    DocumentRef,
    kind=st.sampled_from([DocumentKind.C, DocumentKind.TD, DocumentKind.REPORT]),
    number=st.integers(1, 9999).map(str),
    revision=st.one_of(st.none(), st.integers(1, 20)),
) | st.builds(
    DocumentRef,
    kind=st.just(DocumentKind.TD),
    number=st.integers(1, 9999).map(str),
    revision=st.one_of(st.none(), st.integers(1, 20)),
    group=st.sampled_from(["PLEN", "GEN", "WP1", "WP3"]),
)


@given(refs)
def test_printing_then_reading_gives_the_same_reference(ref: DocumentRef) -> None:
    if ref.kind == DocumentKind.C:
        ref = DocumentRef(ref.kind, ref.number.zfill(3), ref.revision, ref.group)
    assert parse_document(str(ref)) == ref


@pytest.mark.parametrize(
    ("title", "designation"),
    [
        ("ITU-T Y.4241 (ex Y.dt-SComCam) Common requirements", "ITU-T Y.4241"),
        ("Consent of ITU-T Y. 4420 revised", "ITU-T Y.4420"),
        ("ITU-T X.1362.1 Simple encryption", "ITU-T X.1362.1"),
        ("Approval of ITU-T G.8261/Y.1361 (timing)", "ITU-T G.8261/Y.1361"),
        ("Draft Y.4241 without the ITU-T prefix", None),
        ("Approval of the report of the last SG20 meeting", None),
    ],
)
def test_a_title_naming_a_recommendation_is_recognised(title: str, designation: str | None) -> None:
    assert designation_in(title) == designation
