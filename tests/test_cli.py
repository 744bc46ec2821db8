"""The command line, as a user or a script sees it: output, exit status, one-line errors."""

from __future__ import annotations

import gc
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sg20desk import __version__, paths
from sg20desk.cli import main
from sg20desk.db import migrate

LETTERS = Path(__file__).parent / "data" / "letters"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"sg20desk {__version__}"


def test_info_creates_the_default_store_in_the_data_folder(
    capsys: pytest.CaptureFixture[str], _user_paths: Path
) -> None:
    code, out, err = run(capsys, "info")
    assert (code, err) == (0, "")
    assert f"store: {_user_paths / paths.STORE_FILENAME}" in out
    assert f"schema revision: {migrate.SCHEMA_HEAD}" in out
    for line in (
        "meetings: 1",
        "agenda items: 60",
        "draft Recommendations: 10",
        "events: 9",
        "deadlines: 8",
    ):
        assert line in out.splitlines()


def test_db_option_and_environment_choose_the_store(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_env = tmp_path / "env.sqlite3"
    by_flag = tmp_path / "flag.sqlite3"
    monkeypatch.setenv(paths.STORE_ENV, str(by_env))
    assert f"store: {by_env}" in run(capsys, "info")[1]
    assert f"store: {by_flag}" in run(capsys, "--db", str(by_flag), "info")[1]
    assert by_env.exists() and by_flag.exists()


def test_agenda_show_prints_the_outline_indented(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "agenda", "show", "--meeting", "SG20-2026-05")
    lines = out.splitlines()
    assert code == 0
    assert lines[1] == "1 Opening of the meeting"
    assert (
        "  7.10 ITU-T Y.4244 (ex Y.EPWS-fc) Functional capabilities to support Internet of "
        "things (IoT)-based electric power worksite operation services"
    ) in lines
    assert "    8.2.1 WTSA-24 Action 7" in "\n".join(lines)
    start = lines.index(next(line for line in lines if line.startswith("  19.1 ")))
    assert lines[start + 1 : start + 6] == [
        "    – Approval of new work items",
        "    – Consent of Recommendations",
        "    – Determination of Recommendations",
        "    – Agreement of informative texts",
        "    – Deletion of Recommendations",
    ]
    assert lines[-1] == "24 Closure of the meeting"


def test_deadlines_in_geneva_and_another_zone(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadlines", "--tz", "America/New_York")
    assert code == 0
    assert "times in Geneva (Europe/Zurich) and in America/New_York" in out
    block = out.split("Submit the form in Annex 2", 1)[1]
    assert "Geneva (Europe/Zurich): Fri 1 May 2026 01:59 CEST" in block
    assert "America/New_York: Thu 30 April 2026 19:59 EDT" in block
    assert "as stated: Thu 30 April 2026 23:59 UTC" in block
    assert "24 hours before the session" in out


def test_deadlines_in_geneva_only_when_zones_agree(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "deadlines", "--tz", "Europe/Zurich")[1]
    assert "times in Geneva (Europe/Zurich)\n" in out
    assert "Europe/Zurich: Fri" not in out


def test_check_passes_on_a_sound_store(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check")
    assert code == 0 and "sound" in out


def test_check_fails_on_broken_references(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "s.sqlite3"
    assert run(capsys, "--db", str(db), "info")[0] == 0
    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("UPDATE agenda_item SET meeting_id = X'00000000000000000000000000000001'")
    con.commit()
    con.close()
    code, _, err = run(capsys, "--db", str(db), "check")
    assert code == 1
    assert "points to a missing meeting" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["agenda", "show", "--meeting", "SG99-1999"], "no meeting 'SG99-1999'"),
        (["deadlines", "--tz", "Europe/Geneve"], "--tz: unknown time zone 'Europe/Geneve'"),
    ],
)
def test_errors_are_one_line_on_stderr(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 1 and out == ""
    assert err.startswith("sg20desk: error: ") and message in err
    assert err.count("\n") == 1


def test_a_foreign_file_gets_a_clear_message_and_no_traceback(tmp_path: Path) -> None:
    foreign = tmp_path / "thesis.docx"
    foreign.write_bytes(b"PK\x03\x04 not a database")
    result = subprocess.run(
        [sys.executable, "-m", "sg20desk", "--db", str(foreign), "info"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SG20DESK_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode == 1
    assert result.stderr == (
        f"sg20desk: error: {foreign} is not a sg20desk store (it is not an SQLite database)\n"
    )
    assert "Traceback" not in result.stderr
    assert foreign.read_bytes() == b"PK\x03\x04 not a database"


def test_demo_uses_a_throwaway_store(capsys: pytest.CaptureFixture[str], _user_paths: Path) -> None:
    code, out, _ = run(capsys, "--demo", "info")
    assert code == 0 and "meetings: 1" in out
    store_line = next(line for line in out.splitlines() if line.startswith("store: "))
    demo_store = Path(store_line.removeprefix("store: "))
    assert not demo_store.exists()
    assert not (_user_paths / paths.STORE_FILENAME).exists()


@pytest.mark.parametrize(
    "command",
    [
        ["info"],  # a new store, given the built-in meeting
        ["agenda", "show"],
        ["import", "{letters}/sg13-collective-letter.txt", "--dry-run"],
        ["import", "{letters}/sg13-collective-letter.txt", "{letters}/sg13-circular.txt", "--yes"],
    ],
)
def test_commands_do_not_load_the_orm(tmp_path: Path, command: list[str]) -> None:
    """Start-up speed rests on this: reading, importing and storing need Core only, and the
    ORM's loading and set-up would cost a letter's import a third of its time
    (bench/startup.py, bench/import.py)."""
    store = tmp_path / "store.sqlite3"
    args = ["--db", str(store), *(part.format(letters=LETTERS) for part in command)]
    probe = (
        "import sys\n"
        "from sg20desk.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print(code, sorted(m for m in sys.modules if m.startswith('sqlalchemy.orm')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "0 []"


def test_agenda_show_and_diff_follow_the_edits(capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import UTC, date, datetime

    from sg20desk.actions import agenda as ops
    from sg20desk.actions import queries
    from sg20desk.actions.history import History
    from sg20desk.actions.workspace import open_workspace

    store = open_workspace(paths.store_path(None))
    try:
        history = History(store)
        with store.read() as c:
            mid = queries.meeting(c, "SG20-2026-05", date(2026, 5, 1)).id
            rows = {r.label: r for r in queries.agenda(c, mid)}
            snapshot = [r.snapshot() for r in queries.agenda(c, mid)]
        now = datetime(2026, 3, 1, tzinfo=UTC)
        history.do(ops.issue_revision(mid, "Draft", now.date(), now, snapshot))
        history.do(ops.move_down(mid, [rows["1"].id]))
        history.do(ops.set_documents(mid, rows["1"].id, "td5-r1"))
    finally:
        store.close()
    code, out, _ = run(capsys, "agenda", "show")
    assert code == 0
    assert out.splitlines()[1:3] == [
        "1 Adoption of the agenda",
        "2 Opening of the meeting  [TD5 Rev.1]",
    ]
    code, out, _ = run(capsys, "agenda", "diff", "Draft")
    assert (code, out.splitlines()) == (
        0,
        [
            "SG20-2026-05: agenda Draft → current",
            "  moved 2  Opening of the meeting (within the top level)",
            "  renumbered 2 → 1  Adoption of the agenda",
            "  renumbered 1 → 2  Opening of the meeting",
            "  documents of 2: + TD5 Rev.1",
        ],
    )
    code, out, _ = run(capsys, "agenda", "diff", "Draft", "Draft")
    assert out.splitlines()[1:] == ["no changes"]
    code, _, err = run(capsys, "agenda", "diff", "Rev.7")
    assert (
        code == 1
        and err == "sg20desk: error: no revision 'Rev.7' of this meeting (issued: Draft)\n"
    )


@pytest.fixture
def april_27(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line runs on 27 April 2026, three days before Circular 106 closes."""
    from datetime import UTC, datetime

    from sg20desk import cli

    monkeypatch.setattr(cli, "clock", lambda: datetime(2026, 4, 27, 12, 0, tzinfo=UTC))


def test_drafts_lists_stage_next_date_and_tally(
    capsys: pytest.CaptureFixture[str], april_27: None
) -> None:
    code, out, err = run(capsys, "drafts", "--tz", "Asia/Tokyo")
    assert (code, err) == (0, "")
    blocks = out.split("\n\n")
    assert len(blocks) == 11  # the heading and ten drafts
    assert blocks[1].splitlines() == [
        "ITU-T Y.4241 (ex Y.dt-SComCam)  TAP · Consultation open",
        "  Common requirements and capability framework of digital twin for smart complex and "
        "campus",
        "  next: Consultation closes: Fri 1 May 2026 01:59 CEST = Fri 1 May 2026 08:59 JST;"
        " 3 d 11 h left",
        "  tally: no replies counted: may be considered (no replies)",
        "  your reply: open",
    ]


def test_drafts_reply_records_a_batch_and_the_tally_follows(
    capsys: pytest.CaptureFixture[str], april_27: None
) -> None:
    replies = [
        (state, "yes" if n < 7 else "no")
        for n, state in enumerate(
            [
                "Kenya",
                "Brazil",
                "Japan",
                "Norway",
                "Chile",
                "Ghana",
                "India",
                "Peru",
                "Oman",
                "Fiji",
            ]
        )
    ]
    for state, assigns in replies:
        code, _out, err = run(
            capsys,
            "drafts",
            "reply",
            "Y.4241",
            "--member-state",
            state,
            "--assigns",
            assigns,
            "--received",
            "2026-04-20",
        )
        assert (code, err) == (0, "")
    code, out, err = run(
        capsys,
        "drafts",
        "reply",
        "ITU-T Y.4241",
        "--member-state",
        "Atlantis",
        "--assigns",
        "no",
        "--received",
        "2026-05-01T01:00+02:00",
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "note: 'Atlantis' is not in the list of Member States; recorded as typed",
        "ITU-T Y.4241: Atlantis does not assign authority, received Thu 30 April 2026 23:00 UTC",
        "  tally: 7 of 11 in favour (63.6 %): may not be considered",
    ]
    code, out, err = run(
        capsys,
        "drafts",
        "reply",
        "y.4241",
        "--member-state",
        "atlantis",
        "--assigns",
        "yes",
        "--received",
        "2026-05-01",
    )
    assert "after the close (Thu 30 April 2026 23:59 UTC): kept, not counted" in out
    code, out, err = run(capsys, "drafts")
    first = out.split("\n\n")[1]
    assert "  tally: 7 of 10 in favour (70 %); 1 late, not counted: may be considered" in first
    assert "  late, kept but not counted: Atlantis" in first


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Y.9999", "--assigns", "yes"], "'Y.9999' is not a draft of this meeting"),
        (["Y.4241", "--assigns", "yes", "--received", "30/04/2026"], "--received: '30/04/2026'"),
        (["Y.4241", "--assigns", "yes", "--meeting", "SG99"], "SG99"),
    ],
)
def test_drafts_reply_refuses_bad_input_in_one_line_and_records_nothing(
    capsys: pytest.CaptureFixture[str], april_27: None, args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "drafts", "reply", "--member-state", "Kenya", *args)
    assert code == 1 and out == ""
    assert err.startswith("sg20desk: error: ") and message in err and err.count("\n") == 1
    _code, out, _err = run(capsys, "info")
    assert "consultation replies: 0" in out.splitlines()


def test_print_writes_each_report_as_a_pdf(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tests import pdftext

    for report in ("agenda", "book", "deadlines", "drafts", "annex2", "schedule"):
        target = tmp_path / f"{report}.pdf"
        code, out, err = run(capsys, "print", report, "-o", str(target))
        assert (code, err) == (0, ""), report
        assert out.startswith(f"{target}: ") and "of SG20-2026-05" in out and "A4" in out
        assert pdftext.text(target.read_bytes())
    code, out, _ = run(capsys, "print", "agenda", "--paper", "letter", "-o", str(target))
    assert code == 0 and "Letter" in out
    assert pdftext.page_size(target.read_bytes()) == (612, 792)
    assert gc.isenabled()  # the garbage collector, paused while printing, is back on


def test_print_refuses_a_folder_a_missing_folder_and_a_diff_with_no_revision(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "print", "agenda", "-o", str(tmp_path))
    assert code == 1 and "is a folder" in err
    code, _, err = run(capsys, "print", "agenda", "-o", str(tmp_path / "no" / "a.pdf"))
    assert code == 1 and "does not exist" in err
    code, _, err = run(capsys, "print", "diff", "-o", str(tmp_path / "d.pdf"))
    assert code == 1 and "no issued revision" in err
    assert not (tmp_path / "d.pdf").exists()
    assert gc.isenabled()  # paused while printing, back on after a refusal too
    with pytest.raises(SystemExit):
        main(["print", "minutes", "-o", str(tmp_path / "m.pdf")])


def _meeting_count(capsys: pytest.CaptureFixture[str]) -> str:
    return next(line for line in run(capsys, "info")[1].splitlines() if line.startswith("meet"))


def test_import_dry_run_prints_what_was_found_as_json_and_stores_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.conftest import CIRCULAR, LETTER, SEEDS, seed_text

    seed_text(LETTER)  # skips when the seeds are not beside the repository
    before = _meeting_count(capsys)
    code, out, err = run(
        capsys,
        "import",
        str(SEEDS / LETTER),
        str(SEEDS / CIRCULAR),
        "--dry-run",
        "--format",
        "json",
    )
    assert (code, err) == (0, "")
    found = json.loads(out)
    assert found["format"] == "sg20desk-import-preview" and found["action"] == "update"
    # the built-in meeting is what these letters give: updating it changes nothing
    assert found["changes"] == [] and found["unchanged"] == {
        "events": 9,
        "drafts": 10,
        "agenda items": 60,
        "deadlines": 8,
    }
    assert [f["reference"] for f in found["files"]] == [
        "TSB Collective letter 3/20",
        "TSB Circular 106",
    ]
    assert (found["meeting"]["first_day"], found["meeting"]["last_day"]) == (
        "2026-05-12",
        "2026-05-21",
    )
    assert len(found["drafts"]) == 10 and found["agenda"][6]["children"][0]["draft"] == (
        "ITU-T Y.4241"
    )
    remote = next(d for d in found["deadlines"] if "remote participation" in d["title"])
    assert remote["due"] is None and remote["rule"]["anchor"] == "session_start"
    captioning = next(d for d in found["deadlines"] if "captioning" in d["title"])
    assert captioning["due"] == "2026-03-13"
    conflict = next(w for w in found["warnings"] if "12 February 2026" in w["message"])
    assert (conflict["file"], conflict["line"]) == (LETTER, 47)
    assert _meeting_count(capsys) == before


def test_import_dry_run_says_where_each_fact_was_read(
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = [str(LETTERS / "sg13-collective-letter.txt"), str(LETTERS / "sg13-circular.txt")]
    code, out, _err = run(capsys, "--demo", "import", "--dry-run", *files)
    letter = (LETTERS / "sg13-collective-letter.txt").read_text("utf-8").splitlines()
    assert code == 0
    workshop = next(line for line in out.splitlines() if "Future Networks Workshop" in line)
    number = int(workshop.rsplit("line ", 1)[1])
    assert "Future Networks Workshop" in letter[number - 1]
    slicing = next(line for line in out.splitlines() if "ITU-T Y.3210" in line and "line" in line)
    circular = (LETTERS / "sg13-circular.txt").read_text("utf-8").splitlines()
    assert "Y.3210" in circular[int(slicing.rsplit("line ", 1)[1]) - 1]


def test_import_shows_then_stores_a_new_meeting_in_one_go(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [str(LETTERS / "sg13-collective-letter.txt"), str(LETTERS / "sg13-circular.txt")]
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal: nobody to ask
    code, out, err = run(capsys, "import", *files)
    assert code == 1 and "add --yes" in err
    assert "SG13-2027-10: Meeting of ITU-T Study Group 13" in out and "(new)" in out
    # a deadline the letter states only as a rule falls on the day the rule gives
    assert (
        "Wed 8 September 2027, end of day (23:59 EAT) (4 weeks before the meeting): "
        "Pre-register for the meeting"
    ) in out
    assert "Tue 5 Oct 09:00-17:00 EAT  Future Networks Workshop" in out
    assert "warnings (5):" in out and "line 43: item 5 follows 3.2" in out
    assert _meeting_count(capsys) == "meetings: 1"

    code, out, err = run(capsys, "import", *files, "--yes")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == (
        "stored SG13-2027-10: 4 events, 5 deadlines, 10 agenda items, 2 drafts"
    )
    assert _meeting_count(capsys) == "meetings: 2"
    shown = run(capsys, "agenda", "show", "--meeting", "SG13-2027-10")[1]
    assert "3.1.1.1 Slicing for industrial IoT" in shown

    code, out, err = run(capsys, "import", *files, "--yes")
    assert (code, err) == (0, "")
    assert "changes: none" in out
    assert out.endswith("SG13-2027-10 is already as these files give it: nothing to change\n")
    assert _meeting_count(capsys) == "meetings: 2"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("letter.txt", b"\xff\xfe\x00garbage", "is not UTF-8 text"),
        ("agenda.pdf", b"%PDF-1.4", "the PDF is cut short"),
        ("agenda.odt", b"PK", ".odt is none of these"),
        ("note.txt", b"Dear all, see you soon.", "not a TSB Collective letter or Circular"),
        ("meeting.json", b'{"format": "sg20desk-meeting", "format_version": 1,', "not valid JSON"),
    ],
)
def test_import_refuses_bad_files_naming_them_and_stores_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run(capsys, "import", str(path), "--yes")
    assert (code, out) == (1, "")
    assert err.startswith("sg20desk: error: ") and name in err and message in err
    assert err.count("\n") == 1
    assert _meeting_count(capsys) == "meetings: 1"
    code, _, err = run(capsys, "import", str(tmp_path / "missing.txt"))
    assert code == 1 and "missing.txt" in err


def test_export_json_then_import_it_into_another_store(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "sg20.json"
    code, out, err = run(capsys, "export", "json", "-o", str(target))
    assert (code, err) == (0, "")
    assert out.startswith(f"{target}: SG20-2026-05, ") and "without your own data" in out
    sent = json.loads(target.read_text("utf-8"))
    assert sent["format"] == "sg20desk-meeting" and "personal" not in sent
    assert len(sent["drafts"]) == 10 and sent["agenda"][6]["number"] == "7"

    other = tmp_path / "other.sqlite3"
    code, out, err = run(capsys, "--db", str(other), "import", str(target), "--dry-run")
    assert (code, err) == (0, "")
    # the other store holds the built-in meeting too: the file changes nothing there
    assert "changes: none" in out and "nothing to change" in out

    code, out, err = run(capsys, "export", "json", "--personal", "-o", str(tmp_path))
    assert code == 1 and "is a folder" in err
