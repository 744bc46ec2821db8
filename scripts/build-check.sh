#!/usr/bin/env bash
# Build the one-folder application with PyInstaller, then check that it starts: it opens a
# fresh store, loads the built-in meeting, shows its window off-screen and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python}
"$python" -m PyInstaller --noconfirm --clean --log-level WARN build.spec
app=dist/sg20desk/sg20desk
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
QT_QPA_PLATFORM=offscreen "$app" --smoke --db "$work/store.sqlite3"
"$app" --version
"$app" --db "$work/store.sqlite3" agenda show | grep -q "^  7.10 ITU-T Y.4244 (ex Y.EPWS-fc)"
"$app" --db "$work/store.sqlite3" check
echo "build check: passed ($(du -sh dist/sg20desk | cut -f1) in dist/sg20desk)"
