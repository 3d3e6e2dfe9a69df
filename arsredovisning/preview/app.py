"""The preview's Starlette application: the page, its panel, the report, server-sent events, the
årsmapp's images and the build button. Every turn runs in a worker thread (``anyio.to_thread``),
so the event loop only serves; the files are watched with ``watchfiles`` (inotify, no polling).

Routes (each under ``/<token>``, see ``security``): ``/`` the page · ``/panel`` findings and key figures (HTML fragment) · ``/rapport`` the
report as ``bygg`` writes it · ``/handelser`` server-sent events · ``/bygg`` (POST) run ``bygg`` ·
``/arsmapp/<bild>`` an image of the årsmapp · ``/utdata/<fil>`` a file the last build wrote · ``/granska.js``, ``/granska.css``. Nothing else.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from pathlib import Path

import anyio
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route
from watchfiles import Change, awatch

from ..files import WORKBOOK
from ..findings import (LEVEL_TITLES, LEVEL_WORDS, LISTED_PER_KIND, Finding, Level, consequence_of, has_errors, key_label,
                        listed, more_of_the_kind, sorted_findings)
from ..present.control_report import place_name
from ..load.texts import TEXT_DIR
from ..render.assets import package_templates
from ..render.chart_cache import warm as warm_charts
from ..render.urls import IMAGE_TYPES
from .security import Gate, folder_image
from .session import PreviewSession, Snapshot

PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            "frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
REPORT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
              "frame-ancestors 'self'; base-uri 'none'; form-action 'none'")
IMAGE_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"  # no script, ever
OUTPUT_TYPES = {".pdf": "application/pdf", ".html": "text/html; charset=utf-8", ".json": "application/json",
                ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
STATIC = {"granska.js": "text/javascript; charset=utf-8", "granska.css": "text/css; charset=utf-8"}
WATCH_STEP_MS = 20  # quiet time before a burst of file events is handled
WATCH_DEBOUNCE_MS = 300  # longest grouping of a burst


class Preview:
    """The state behind the routes: the session, the SSE listeners, the running build."""

    def __init__(self, folder: Path, out: Path, templates: Path | None = None):
        self.folder = Path(folder).resolve()
        self.out = Path(out)
        self.templates = templates
        self.session = PreviewSession(self.folder, templates)
        self.listeners: set[asyncio.Queue] = set()
        self.dirty = asyncio.Event()
        self.stop = asyncio.Event()
        self.build_process: asyncio.subprocess.Process | None = None
        self.loop: asyncio.AbstractEventLoop | None = None  # the server's, set when it starts
        self.build_state: dict = {"pagar": False, "steg": [], "filer": [], "meddelande": ""}
        self.env = Environment(loader=FileSystemLoader(package_templates() / "granska"), autoescape=True,
                               undefined=StrictUndefined, keep_trailing_newline=True)

    # -- turns -----------------------------------------------------------------------------
    async def run(self) -> None:
        """First turn, then one turn per burst of saves; until :attr:`stop`."""
        self.dirty.set()
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(self._watch)
            while not self.stop.is_set():
                await _wait_any(self.dirty, self.stop)
                if self.stop.is_set():
                    break
                self.dirty.clear()
                snapshot = await anyio.to_thread.run_sync(self.session.refresh, True)  # quick: shown at once
                self.publish("uppdatering", self.event(snapshot))
                if not snapshot.complete and not self.dirty.is_set():  # then the phone charts: bygg's HTML
                    snapshot = await anyio.to_thread.run_sync(self.session.refresh)
                    self.publish("uppdatering", self.event(snapshot))
                if snapshot.version == 1:  # a changed chart later should not pay matplotlib's import
                    await anyio.to_thread.run_sync(warm_charts)
            tasks.cancel_scope.cancel()

    async def _watch(self) -> None:
        async for _changes in awatch(self.folder, watch_filter=self.watched, stop_event=self.stop,
                                     step=WATCH_STEP_MS, debounce=WATCH_DEBOUNCE_MS, recursive=True):
            self.dirty.set()

    def watched(self, change: Change, path: str) -> bool:
        """The workbook, the texts and the images of the årsmapp; never output/ or temporary files."""
        try:
            rel = Path(path).resolve().relative_to(self.folder)
        except ValueError:
            return False
        name = rel.name
        if name.startswith((".", "~$")) or name.endswith((".tmp", "~")):
            return False
        if rel.as_posix() == WORKBOOK:
            return True
        if rel.parts[0] == TEXT_DIR:
            return True
        return len(rel.parts) == 1 and rel.suffix.lower() in IMAGE_TYPES

    def event(self, snapshot: Snapshot) -> dict:
        return {"version": snapshot.version, "rapport": snapshot.report_version, "sekunder": round(snapshot.seconds, 3),
                "fel": sum(1 for f in snapshot.findings if f.level is Level.ERROR), "rapporttid": snapshot.report_time,
                "aktuell": snapshot.report_current}

    def publish(self, kind: str, data: dict) -> None:
        message = f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
        for queue in list(self.listeners):
            queue.put_nowait(message)

    # -- the build button ------------------------------------------------------------------
    async def build(self) -> None:
        """``bygg`` in its own process: the same outputs and atomic writes as on the command line,
        its progress lines passed on as events."""
        command = [sys.executable, "-m", "arsredovisning", "bygg", str(self.folder), "--ut", str(self.out)]
        if self.templates is not None:
            command += ["--mallar", str(self.templates)]
        self.build_state = {"pagar": True, "steg": [], "filer": [], "meddelande": "Bygger …"}
        self.publish("bygg", self.build_state)
        try:
            process = await asyncio.create_subprocess_exec(*command, stdout=asyncio.subprocess.PIPE,
                                                           stderr=asyncio.subprocess.PIPE)
        except OSError as exc:
            self.build_state = {**self.build_state, "pagar": False, "meddelande": f"Bygget kunde inte startas ({exc.strerror})."}
            self.publish("bygg", self.build_state)
            return
        self.build_process = process
        written: list[str] = []
        errors: list[str] = []

        async def progress() -> None:
            assert process.stderr is not None  # opened as a pipe
            async for raw in process.stderr:
                line = raw.decode("utf-8", "replace").rstrip()
                if line.startswith("  ") and line.endswith(" ms"):  # "  Skapar PDF   4210 ms"
                    self.build_state = {**self.build_state, "steg": [*self.build_state["steg"], " ".join(line.split()[:-2])]}
                    self.publish("bygg", self.build_state)
                elif line.strip():
                    errors.append(line.strip())

        async def output() -> None:
            assert process.stdout is not None
            async for raw in process.stdout:
                line = raw.decode("utf-8", "replace").rstrip()
                if line.startswith("Skrev "):
                    written.append(line.removeprefix("Skrev "))
                elif line.strip().startswith(("[", "Fel", "Sammanfattning")):
                    errors.append(line.strip())

        await asyncio.gather(progress(), output())
        code = await process.wait()
        self.build_process = None
        if code == 0:
            message = f"Klart: {len(written)} filer skrivna i {self.out}."
        elif code < 0:
            message = "Bygget avbröts."
        else:
            message = "Bygget avbröts: rätta felen i panelen och försök igen. Inga filer skrevs."
        self.build_state = {"pagar": False, "steg": self.build_state["steg"], "filer": written, "meddelande": message,
                            "lyckades": code == 0}
        self.publish("bygg", self.build_state)

    def closing(self) -> None:
        """The server is stopping: end the event streams now, so that no open tab holds it up."""
        self.stop.set()
        for queue in list(self.listeners):
            queue.put_nowait(None)

    async def shutdown(self) -> None:
        self.closing()
        process = self.build_process
        if process is not None and process.returncode is None:
            process.terminate()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(process.wait(), 5)

    # -- views -----------------------------------------------------------------------------
    def panel(self) -> str:
        snapshot = self.session.snapshot
        template = self.env.get_template("panel.html.j2")
        if snapshot is None:
            return template.render(snapshot=None, groups=(), folder=self.folder.name)
        return template.render(snapshot=snapshot, folder=self.folder.name, **panel_view(snapshot))


def panel_view(snapshot: Snapshot) -> dict:
    """The panel's view: findings per level as in ``kontrollera`` (a consequence under its cause, in
    its root cause's level), the counts, the places each finding shows at, the sheets and files to
    filter by, and the changes grouped by section."""
    ordered = sorted_findings(snapshot.findings)  # causes first, each consequence after its cause
    parent = {id(f): consequence_of(f, ordered) for f in ordered}
    by_key = {f.key: f for f in ordered}
    children: dict[str, list[Finding]] = {}
    for f in ordered:
        cause = parent[id(f)]
        if cause is not None:
            children.setdefault(cause, []).append(f)
    places = snapshot.places or {}

    def root_level(f: Finding) -> Level:
        seen = set()
        cause = parent[id(f)]
        while cause is not None and f.key not in seen:
            seen.add(f.key)
            f = by_key[cause]
            cause = parent[id(f)]
        return f.level

    def node(f: Finding, seen: frozenset = frozenset(), parent_level: str = "") -> dict:
        kids, more = _capped([] if f.key in seen else children.get(f.key, []))
        cause = parent[id(f)]
        return {"f": f, "cause": key_label(cause) if cause else None, "new": f.key in snapshot.new_keys,
                "where": _where(f), "places": [(p, _place_label(p)) for p in places.get(f.key, ())],
                "parent_level": parent_level, "children": [node(c, seen | {f.key}, f.level.value) for c in kids],
                "more": more}

    groups = []
    for level in Level:
        members = [f for f in ordered if root_level(f) is level]
        shown, more = _capped([f for f in members if parent[id(f)] is None])
        if members:
            groups.append((LEVEL_TITLES[level], level.value, len(members), [node(f) for f in shown], more))
    counts = [(level.value, n, LEVEL_WORDS[level][0 if n == 1 else 1])
              for level in Level for n in [sum(1 for f in ordered if f.level is level)]]
    wheres = sorted({w for f in ordered if (w := _where(f))}, key=lambda w: (w.startswith("texter"), w))
    changes = [(c, _by_section(c.figures)) for c in snapshot.changes]
    return {"groups": groups, "counts": counts, "new_count": len(snapshot.new_keys), "wheres": wheres,
            "changes": changes, "places": {k: [(p, _place_label(p)) for p in v] for k, v in places.items()},
            "has_errors": has_errors(snapshot.findings)}


def _capped(findings: list[Finding], per_kind: int = LISTED_PER_KIND) -> tuple[list[Finding], list[dict]]:
    """As the kontrollrapport lists them: at most ``per_kind`` findings of one id (a workbook with
    20 000 bad rows keeps a panel that opens), then per id one line ``… och N till av samma slag``
    with the level and the sheet or file of the findings left out (for the panel's filters)."""
    shown, more = listed(findings, per_kind)
    rest = {kind: [f for f in findings if f.id == kind][per_kind:] for kind in more}
    return shown, [{"id": kind, "text": more_of_the_kind(n), "niva": rest[kind][0].level.value,
                    "plats": w.pop() if len(w := {_where(f) for f in rest[kind]}) == 1 else ""}
                   for kind, n in more.items()]


def _place_label(p) -> str:
    """``balansräkningen: Kassa och bank``, ``Not 6``, ``Bilaga 1``."""
    name = place_name(p.anchor)
    return f"{name}: {p.row}" if p.row else name


def _where(f: Finding) -> str:
    """The sheet or text file a finding is about, for the filter (``Saldobalans``, ``texter/uppdraget.md``)."""
    loc = f.location
    if loc is None:
        return ""
    return loc.sheet or loc.file


def _by_section(figures) -> list[tuple[str, list]]:
    out: dict[str, list] = {}
    for fig in figures:
        out.setdefault(fig.section, []).append(fig)
    return list(out.items())


async def _wait_any(*events: asyncio.Event) -> None:
    waiters = [asyncio.ensure_future(e.wait()) for e in events]
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for w in waiters:
            w.cancel()


def create_app(preview: Preview, token: str, port: int, csrf: str) -> Starlette:
    """The routes behind the :class:`~.security.Gate` (which takes the token off the path);
    ``csrf``: the value the page sends with a state-changing request."""

    async def page(request: Request) -> Response:
        html = preview.env.get_template("sida.html.j2").render(folder=preview.folder.name, out=str(preview.out),
                                                               panel=Markup(preview.panel()), csrf=csrf)
        return HTMLResponse(html, headers=_headers(PAGE_CSP))

    async def panel(request: Request) -> Response:
        return HTMLResponse(preview.panel(), headers=_headers(PAGE_CSP))

    async def report(request: Request) -> Response:
        snapshot = preview.session.snapshot
        if snapshot is None or snapshot.report_html is None:
            html = ('<!doctype html><html lang="sv"><meta charset="utf-8"><title>Ingen rapport än</title>'
                    '<p>Rapporten visas här när arbetsboken kan läsas utan fel.</p></html>')
        else:
            html = snapshot.report_html
        return HTMLResponse(html, headers=_headers(REPORT_CSP))

    async def events(request: Request) -> Response:
        queue: asyncio.Queue = asyncio.Queue()
        preview.listeners.add(queue)
        snapshot = preview.session.snapshot
        if snapshot is not None:
            queue.put_nowait(f"event: uppdatering\ndata: {json.dumps(preview.event(snapshot))}\n\n")

        async def stream():
            try:
                yield "retry: 500\n\n"
                while not preview.stop.is_set():
                    try:
                        message = await asyncio.wait_for(queue.get(), 15)
                    except asyncio.TimeoutError:
                        message = ": vaken\n\n"
                    if message is None:  # the server is stopping
                        break
                    yield message
            finally:
                preview.listeners.discard(queue)

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

    async def build(request: Request) -> Response:
        if preview.build_state.get("pagar"):
            return PlainTextResponse("Ett bygge pågår redan.", status_code=409)
        preview.build_state = {**preview.build_state, "pagar": True}
        asyncio.get_running_loop().create_task(preview.build())
        return PlainTextResponse("Bygget har startat.", status_code=202)

    async def image(request: Request) -> Response:
        path = folder_image(preview.folder, request.path_params["path"])
        if path is None:
            return _not_found()
        return FileResponse(path, media_type=IMAGE_TYPES[path.suffix.lower()],
                            headers={"Content-Security-Policy": IMAGE_CSP, "Cache-Control": "no-store",
                                     "X-Content-Type-Options": "nosniff", "Content-Disposition": "inline"})

    async def output(request: Request) -> Response:
        """A file the last build wrote, by its name only (nothing else of the output folder)."""
        name = request.path_params["name"]
        written = {Path(p).name: Path(p) for p in preview.build_state.get("filer", ())}
        path = written.get(name)
        if path is None or path.suffix.lower() not in OUTPUT_TYPES or not path.is_file():
            return _not_found()
        suffix = path.suffix.lower()
        headers = {"Cache-Control": "no-store", "Content-Disposition": "inline" if suffix in (".pdf", ".html")
                   else f'attachment; filename="{path.name}"'}
        if suffix == ".html":  # sandboxed: bygg's HTML runs no script here (its tab-stop script's default holds)
            headers["Content-Security-Policy"] = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
        return FileResponse(path, media_type=OUTPUT_TYPES[suffix], headers=headers)

    async def static(request: Request) -> Response:
        name = request.url.path.lstrip("/")
        return Response((package_templates() / "granska" / name).read_bytes(), media_type=STATIC[name],
                        headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})

    async def not_found(request: Request, exc: Exception) -> Response:
        return _not_found()

    async def server_error(request: Request, exc: Exception) -> Response:
        return PlainTextResponse("Internt fel i förhandsvisningen. Ladda om sidan; servern fortsätter.", status_code=500)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        preview.loop = asyncio.get_running_loop()
        task = preview.loop.create_task(preview.run())
        try:
            yield
        finally:
            await preview.shutdown()
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    routes = [
        Route("/", page),
        Route("/panel", panel),
        Route("/rapport", report),
        Route("/handelser", events),
        Route("/bygg", build, methods=["POST"]),
        Route("/arsmapp/{path:path}", image),
        Route("/utdata/{name}", output),
        *(Route(f"/{name}", static) for name in STATIC),
    ]
    return Starlette(routes=routes, middleware=[Middleware(Gate, token=token, port=port, csrf=csrf)], lifespan=lifespan,
                     exception_handlers={404: not_found, 405: not_found, 500: server_error})


def _headers(csp: str) -> dict[str, str]:
    return {"Content-Security-Policy": csp, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer"}


def _not_found() -> Response:
    return PlainTextResponse("Finns inte: förhandsvisningen visar bara sina egna sidor och årsmappens bilder.",
                             status_code=404)
