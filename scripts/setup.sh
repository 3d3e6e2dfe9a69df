#!/usr/bin/env bash
# Set up arsredovisning on a fresh Debian machine: system libraries WeasyPrint needs (when
# missing), a virtual environment in .venv and the package with its test dependencies.
# Idempotent: a second run only checks. `--test` adds what the test suite needs beyond that
# (LibreOffice Calc, which recalculates the revision workbook's formulas; Chromium and axe-core in
# .cache/axe, which check the HTML report against WCAG 2.1 AA).
set -euo pipefail
for_tests=0
[ "${1:-}" = "--test" ] && for_tests=1
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "arsredovisning kräver Python 3.11 eller senare (hittade: $("$PY" --version 2>&1))." >&2
  exit 1
fi

# Debian packages: Pango/HarfBuzz for WeasyPrint, poppler-utils for the PDF tests, venv support.
need=()
for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
"$PY" -c 'import ensurepip, venv' 2>/dev/null || need+=("python3-venv")
if [ $for_tests -eq 1 ] && ! command -v soffice >/dev/null 2>&1; then
  need+=("libreoffice-calc")
fi
if [ $for_tests -eq 1 ] && ! command -v chromium >/dev/null 2>&1; then
  need+=("chromium")
fi
if [ $for_tests -eq 1 ] && ! command -v npm >/dev/null 2>&1; then
  need+=("npm")
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "Installerar systempaket: ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
log=.venv/install.log
if ! .venv/bin/python -m pip install --disable-pip-version-check -e ".[test]" >"$log" 2>&1; then
  cat "$log" >&2
  echo "Installationen misslyckades (se ovan)." >&2
  exit 1
fi
axe=.cache/axe/node_modules/axe-core/axe.min.js
if [ $for_tests -eq 1 ] && [ ! -f "$axe" ]; then
  npm install --prefix .cache/axe --no-audit --no-fund --silent axe-core@4 >/dev/null 2>&1 \
    || echo "axe-core kunde inte installeras: tillgänglighetstestet av HTML hoppas över." >&2
fi
echo "Klart: .venv/bin/arsredovisning är installerat." >&2
