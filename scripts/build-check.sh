#!/usr/bin/env bash
# Build the one-folder application with PyInstaller, then check that it starts: it opens a
# fresh store, loads the built-in meeting, shows its window off-screen and exits 0. Then what
# needs data files or compiled parts of its libraries: a letter as .docx (python-docx, lxml),
# as Word writes it (numbering, tracked changes: lxml) and as PDF (pdfplumber, pdfminer's
# font data) is read, and the agenda sheet and the reply form (ReportLab, the fonts) are
# printed.
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
"$python" -c "import sys; from tests.test_exchange_docx import as_docx
sys.stdout.buffer.write(as_docx(open(sys.argv[1], encoding='utf-8').read()))" \
  tests/data/letters/sg13-collective-letter.txt >"$work/letter.docx"
"$app" --db "$work/store.sqlite3" import "$work/letter.docx" --dry-run \
  | grep -q "^SG13-2027-10: .* (new)$"
for letter in tests/data/letters/docx/sg13-letter-numbered.docx \
  tests/data/letters/pdf/sg13-collective-letter.pdf tests/data/letters/pdf/sg13-circular.pdf; do
  "$app" --db "$work/store.sqlite3" import "$letter" --dry-run | grep -q "^SG13-2027-10: .* (new)$"
done
for report in agenda annex2; do
  "$app" --db "$work/store.sqlite3" print "$report" -o "$work/$report.pdf" >/dev/null
  head -c 5 "$work/$report.pdf" | grep -q "%PDF-"
done
echo "build check: passed ($(du -sh dist/sg20desk | cut -f1) in dist/sg20desk)"
