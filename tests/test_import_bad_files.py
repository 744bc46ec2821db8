"""Every importer on a folder of bad files (tests/data/bad: truncated, of the wrong type,
hostile) and on files too large: one line naming the file, and the store unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from sg20desk.cli import main

BAD = Path(__file__).parent / "data" / "bad"

#: each file of the folder and what the refusal must say
EXPECTED = {
    "agenda-too-deep.json": "nested deeper than 8 levels",
    "agenda.pdf": "the PDF is damaged and cannot be read",
    "bad-date.ics": "VEVENT 2 (Lunch)",
    "bomb.docx": "zip bomb",
    "contact.ics": "not an iCalendar file",
    "cut-short.docx": "not a .docx",
    "cut-short.ics": "cut short",
    "cut-short.json": "not valid JSON",
    "deep.json": "nested too deeply",
    "duplicate-key.json": "the key 'group' is given twice",
    "empty.txt": "not a TSB Collective letter or Circular",
    "entities.docx": "declares a DTD",
    "nan.json": "NaN is not a number a meeting file may hold",
    "not-a-letter.txt": "not a TSB Collective letter or Circular",
    "picture.docx": "not a .docx",
    "picture.txt": "is not UTF-8 text",
    "wrong-format.json": "this is not a sg20desk meeting file",
}


def _info(capsys: pytest.CaptureFixture[str], db: Path) -> str:
    assert main(["--db", str(db), "info"]) == 0
    return capsys.readouterr().out


def _refused(capsys: pytest.CaptureFixture[str], db: Path, path: Path) -> str:
    before = _info(capsys, db)
    code = main(["--db", str(db), "import", str(path), "--yes"])
    out, err = capsys.readouterr()
    assert code == 1, out
    assert err.count("\n") == 1 and path.name in err, err
    assert _info(capsys, db) == before
    return err


def test_the_folder_lists_what_each_file_must_say() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_bad_file_is_refused_and_changes_nothing(
    name: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    err = _refused(capsys, tmp_path / "store.sqlite3", BAD / name)
    assert EXPECTED[name] in err


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        ("huge.txt", 3 * 1024 * 1024, "larger than any letter (2 MiB at most)"),
        ("huge.docx", 11 * 1024 * 1024, "larger than any letter (10 MiB at most)"),
        ("huge.json", 21 * 1024 * 1024, "larger than any meeting file (20 MiB at most)"),
        ("huge.ics", 21 * 1024 * 1024, "larger than any calendar (20 MiB at most)"),
    ],
)
def test_a_huge_file_is_refused_before_it_is_read(
    name: str, size: int, message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / name
    with path.open("wb") as stream:
        stream.truncate(size)  # sparse: its size is all that is looked at
    assert message in _refused(capsys, tmp_path / "store.sqlite3", path)
