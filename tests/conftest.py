"""Shared fixtures of the test suite. Read this before a test builds anything.

The suite must run in under 2.5 minutes on a 2-core machine, and a full ``bygg`` of the example
costs 5–10 s of CPU: build through the fixtures below, never anew in a test, unless the test is
about a build that none of them is (then build the smallest förbund that shows it, or render the
HTML alone: ``render.render_html``, no PDF layout). A test that reads only what a build of its own
årsmapp writes as JSON export, report HTML or revision workbook, or its findings, takes them from
``tests.builders.report_files(folder, options)``: bygg's bytes without the PDF layout (proven equal to
the shared builds' files in tests/test_byte_identity.py); only a test of the PDF, of the written set
or of bygg itself runs ``bygg``.

Shared builds (session-scoped, each made once per test run, also across pytest-xdist workers: the
first worker that needs one builds it under a file lock in the run's shared folder, the others read
the same files; a worker that would wait for one makes another that the run needs meanwhile). Each
fixture is the output folder (a ``Path``); ``build_log(folder)`` gives the
command's stdout and stderr. Never write into a shared folder: copy what you change.

| fixture          | årsmapp                   | ``bygg`` options                                                        |
|------------------|---------------------------|-------------------------------------------------------------------------|
| ``example_build``| ``input/2016``            | none (progress lines with times on stderr)                              |
| ``adalen_build`` | ``tests/golden/adalen`` (tkr) signed: revisionsberättelse, logo, ``texter/balanskrav.md`` | ``-q --slutlig --arkiv`` |

Each is a byte-identity case of ``tests/golden/outputs.py`` (``CASES``), built exactly once per run:
a new shared build is a case there, one entry in ``BUILDS`` and one fixture.
A test that compares what it makes in its own process with these files asks for ``golden_env``
(their environment: the version id's code digest fixed).
``pipeline.run_checks(input/2016)`` alone is cheap (well under a second): call it where needed.

Caches: every test gets its own empty cache folder (``ARSREDOVISNING_CACHE``: the chart cache,
the compiled templates and the font subsets), so no test depends on another's or on the user's
``~/.cache/arsredovisning``; the shared builds share one cache of the test run. In-process memos
(``render.chart_memo``, ``make_environment``) still live as long as the worker.

Tools: ``require_tool`` / ``require_file`` fail a test whose tool is missing, never skip it.
The suite runs on pytest-xdist (``-n auto --dist loadfile`` in pyproject.toml: each test file on one
worker, so module-scoped fixtures are made once per run); ``-n 0`` runs it in one process. The files
that use a shared build or an outside tool (marks ``browser``, ``libreoffice``, ``verapdf``: required,
never skipped) run first, so that the slow work starts at once beside the quick tests.
No sleeps and no wall-clock assertions in tests (timings belong in ``bench/``).
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "input" / "2016"
sys.path.insert(0, str(ROOT))

# The suite starts some forty Python processes (the xdist workers, the shared builds, the CLI runs),
# and each would compile the package and rewrite the test modules anew where bytecode is not written
# (PYTHONDONTWRITEBYTECODE, set on some machines): 4 s of a worker's collection alone. The test run
# writes bytecode (into the gitignored __pycache__ folders) and so do the processes it starts.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


import fcntl  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402

import pytest  # noqa: E402

from tests.golden.outputs import CASES, GOLDEN_ENV, Case  # noqa: E402

SETUP = "run `bash scripts/setup.sh --test` (the README's test command)"


def require_tool(*names: str) -> str:
    """The path of the first of ``names`` found on PATH. When none is, the test fails (never skips):
    a test suite that passes without its tool has tested nothing, and ``scripts/setup.sh --test``
    installs every tool the tests use."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(f"{' / '.join(names)} is not installed: {SETUP}", pytrace=False)


def require_file(path: Path) -> Path:
    """``path``, which must exist (a tool installed as a file, e.g. axe-core); else the test fails."""
    if not path.is_file():
        where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        pytest.fail(f"{where} is missing: {SETUP}", pytrace=False)
    return path


# ---- one folder per test run, shared by the xdist workers -----------------------------------------


def run_folder(tmp_path_factory) -> Path:
    """This test run's folder shared by all its workers: under pytest-xdist each worker's basetemp
    is ``<run>/popen-gw<n>``, so the run's folder is its parent; in one process, the basetemp."""
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "delat"
    root.mkdir(exist_ok=True)
    return root


@pytest.fixture(scope="session", autouse=True)
def _run_cache(tmp_path_factory):
    """The shared builds' (and any session fixture's) cache: one per test run, never the user's."""
    saved = os.environ.get("ARSREDOVISNING_CACHE")
    os.environ["ARSREDOVISNING_CACHE"] = str(run_folder(tmp_path_factory) / "cache")
    yield
    if saved is None:
        os.environ.pop("ARSREDOVISNING_CACHE", None)
    else:
        os.environ["ARSREDOVISNING_CACHE"] = saved


@pytest.fixture(autouse=True)
def _own_cache(request, tmp_path_factory, monkeypatch):
    """Each test its own cache folder, holding at its start what the run's cache holds then (hard
    links: every cache write replaces its file, so a test never changes another's entries). Charts,
    font subsets and compiled templates are then drawn once per run, not once per test; a test that
    needs an empty cache sets ``ARSREDOVISNING_CACHE`` itself (tests/test_faster_build.py)."""
    name = hashlib.sha256(request.node.nodeid.encode()).hexdigest()[:16]
    own = tmp_path_factory.getbasetemp() / "cache" / name
    shared = run_folder(tmp_path_factory) / "cache"
    _link_entries(shared, own)
    monkeypatch.setenv("ARSREDOVISNING_CACHE", str(own))
    yield
    _link_entries(own, shared)  # what the test drew, for the tests after it


def _link_entries(source: Path, target: Path) -> None:
    """Hard links in ``target`` to the cache entries of ``source`` that ``target`` lacks."""
    try:
        entries = [e for e in os.scandir(source) if e.is_file() and not e.name.endswith(".tmp")]
    except FileNotFoundError:
        return
    target.mkdir(parents=True, exist_ok=True)
    for entry in entries:
        try:
            os.link(entry.path, target / entry.name)
        except OSError:  # already there, or gone meanwhile
            pass


# ---- shared builds ---------------------------------------------------------------------------------


# fixture name → (the output folder's name in the run's shared folder, the byte-identity case it builds).
# A new shared build: a case in tests/golden/outputs.py, one entry here and one fixture below.
BUILDS: dict[str, tuple[str, Case]] = {
    "example_build": ("exempel", CASES["exempel-2016"]),
    "adalen_build": ("adalen", CASES["adalen-tkr"]),
}
_needed: list[str] = []  # the shared builds the collected tests use, in the order they are first used


def _make(root: Path, fixture: str) -> None:
    """Build once (the caller holds the build's lock): the output folder and its log beside it."""
    name, case = BUILDS[fixture]
    log = root / f"{name}.log.json"
    if log.exists():
        return
    source = case.folder if case.prepare is None else case.prepare((root / f"{name}-in").resolve())
    proc = subprocess.run([sys.executable, "-m", "arsredovisning", "bygg", str(source), "-o", str(root / name),
                           *case.options], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **GOLDEN_ENV, "ARSREDOVISNING_CACHE": str(root / "cache")})
    log.write_text(json.dumps({"returncode": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr,
                               "arsmapp": str(source)}), encoding="utf-8")


def _make_another(root: Path, wanted: str) -> bool:
    """While another worker makes the wanted build: make one that this run needs later and nobody
    makes yet (so that no core waits). False when there is none."""
    for fixture in _needed:
        name = BUILDS[fixture][0]
        if fixture == wanted or (root / f"{name}.log.json").exists():
            continue
        with open(root / f"{name}.lock", "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue
            _make(root, fixture)
            return True
    return False


def shared_build(tmp_path_factory, fixture: str) -> Path:
    """The build ``BUILDS[fixture]`` through the real command, made once per test run (by whichever
    worker first needs it, under a file lock): its output folder. A failed build fails every test
    that asks for it, with its output."""
    root = run_folder(tmp_path_factory)
    name = BUILDS[fixture][0]
    with open(root / f"{name}.lock", "a") as lock:
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not _make_another(root, fixture):
                    fcntl.flock(lock, fcntl.LOCK_EX)
                    break
        _make(root, fixture)
    done = build_log(root / name)
    if done["returncode"] != 0:
        pytest.fail(f"bygg {name} failed:\n{done['stdout']}{done['stderr']}", pytrace=False)
    return root / name


def build_log(out: Path) -> dict:
    """A shared build's ``{"returncode", "stdout", "stderr", "arsmapp"}`` (``arsmapp``: the folder it
    was built from, made by the case's ``prepare`` where it has one)."""
    return json.loads((out.parent / f"{out.name}.log.json").read_text(encoding="utf-8"))


@pytest.fixture
def golden_env(monkeypatch) -> None:
    """This process as the shared builds run (``GOLDEN_ENV``: the version id's code digest fixed), for
    a test that compares what it makes in process with their files."""
    for name, value in GOLDEN_ENV.items():
        monkeypatch.setenv(name, value)


@pytest.fixture(scope="session")
def example_build(tmp_path_factory) -> Path:
    """The example built once through the real command without options (progress lines on stderr):
    the output folder with the six files and the manifest. The byte-identity case ``exempel-2016``
    (the archival PDF/A-3 is ``adalen_build``'s)."""
    return shared_build(tmp_path_factory, "example_build")


@pytest.fixture(scope="session")
def adalen_build(tmp_path_factory) -> Path:
    """A second förbund (tkr, own Kontoplan, a loan, two kommuner, no open difference) as its
    styrelse signs it: ``tests/golden/adalen`` with the revisors' signed revisionsberättelse (a
    two-page PDF), a logo and the styrelse's explanation of the balanskravsresultat, built with
    ``-q --slutlig --arkiv`` (``build_log(adalen_build)["arsmapp"]`` is that årsmapp): the
    byte-identity case ``adalen-tkr``."""
    return shared_build(tmp_path_factory, "adalen_build")


OUTSIDE_TOOLS = frozenset({"browser", "libreoffice", "verapdf"})  # the marks in pyproject.toml


def pytest_xdist_auto_num_workers(config):
    """``-n auto``: one worker per core. With the costliest files first (:data:`SLOWEST`) the workers
    seldom wait, and a third worker on 2 cores only added its own start and a second cold cache at
    the start (2 min 14–19 s and 230 s of CPU with two, 2 min 32 s and 262 s with three)."""
    return os.cpu_count() or 1


# The files that cost the most CPU (their processes included; measured with the run's timeline),
# most first: the workers start with them and end with many short files, so that no worker is left
# with one long file while the others are done. The first two go to the two workers at once: the
# first makes the example build, the second needs no shared build (a second worker starting with a
# file that needs the example would make Ådalen's build and then wait for the example's). Then
# test_types.py: mypy without its cache (a fresh clone) takes 8 s, too long for the run's tail, and
# test_faster_build.py, whose cache test needs the example build only after its first tests.
SLOWEST = ("test_preview_browser.py", "test_lagesrapport.py", "test_types.py", "test_faster_build.py",
           "test_layout.py", "test_verapdf.py", "test_utkast.py", "test_libreoffice.py", "test_report_pdf.py")


def pytest_collection_modifyitems(config, items):
    """:data:`SLOWEST` first, then the other files with a test that uses a shared build or an outside
    tool (in their order), so that the builds and the slow tools start at once beside the quick tests
    on the other workers instead of holding up the end of the run."""
    heavy = set(BUILDS)
    first = {item.path for item in items
             if heavy & set(getattr(item, "fixturenames", ()))
             or OUTSIDE_TOOLS & {mark.name for mark in item.iter_markers()}}
    rank = {name: n for n, name in enumerate(SLOWEST)}
    items.sort(key=lambda item: (rank.get(item.path.name, len(SLOWEST)), item.path not in first))


def pytest_collection_finish(session):
    """Which shared builds this run needs (after -k and the like), for ``_make_another``."""
    _needed[:] = list(dict.fromkeys(name for item in session.items
                                    for name in getattr(item, "fixturenames", ()) if name in BUILDS))
