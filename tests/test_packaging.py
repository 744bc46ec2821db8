"""The built-in data travels with the package: regular wheel, not only the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_a_regular_install_reads_its_resources_and_migrations(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        check=True,
        timeout=600,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("sg20desk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "sg20desk/resources/meetings/sg20-geneva-2026-05.json" in names
    assert "sg20desk/db/migrations/env.py" in names
    assert "sg20desk/db/migrations/script.py.mako" in names
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        timeout=600,
        capture_output=True,
    )
    probe = (
        "import sg20desk, sys\n"
        "from pathlib import Path\n"
        "from sg20desk.actions.workspace import open_workspace\n"
        "from sg20desk.actions import queries\n"
        "store = open_workspace(Path(sys.argv[1]))\n"
        "with store.read() as c:\n"
        "    print(sg20desk.__file__)\n"
        "    print(len(queries.agenda(c, queries.meeting(c, 'SG20-2026-05', None).id)))\n"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            f"import sys; sys.path.insert(0, {str(site)!r}); exec({probe!r})",
            str(tmp_path / "store.sqlite3"),
        ],
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "SG20DESK_DATA_DIR": str(tmp_path)},
    )
    where, items = result.stdout.split()
    assert where.startswith(str(site))
    assert items == "60"
