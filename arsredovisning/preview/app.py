"""The preview's Starlette application: the page, its panel, the report, server-sent events, the
årsmapp's images and the build button. Every turn runs in a worker thread (``anyio.to_thread``),
so the event loop only serves; the files are watched with ``watchfiles`` (inotify, no polling).

Routes (each under ``/<token>``, see ``security``): ``/`` the page · ``/panel`` findings and key figures (HTML fragment) · ``/rapport`` the
report as ``bygg`` writes it · ``/handelser`` server-sent events · ``/bygg`` (POST) run ``bygg`` ·
``/arsmapp/<bild>`` an image of the årsmapp · ``/granska.js``, ``/granska.css``. Nothing else.
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
from ..findings import LEVEL_TITLES, Level, consequence_of, key_label, sorted_findings
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
        return {"version": snapshot.version, "rapport": snapshot.report_version, "sekunder": round(snapshot.seconds, 3)}

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
            async for raw in process.stderr:
                line = raw.decode("utf-8", "replace").rstrip()
                if line.startswith("  ") and line.endswith(" ms"):  # "  Skapar PDF   4210 ms"
                    self.build_state = {**self.build_state, "steg": [*self.build_state["steg"], " ".join(line.split()[:-2])]}
                    self.publish("bygg", self.build_state)
                elif line.strip():
                    errors.append(line.strip())

        async def output() -> None:
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

    async def shutdown(self) -> None:
        self.stop.set()
        process = self.build_process
        if process is not None and process.returncode is None:
            process.terminate()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(process.wait(), 5)

    # -- views -----------------------------------------------------------------------------
    def panel(self) -> str:
        snapshot = self.session.snapshot
        if snapshot is None:
            return self.env.get_template("panel.html.j2").render(snapshot=None, groups=(), folder=self.folder.name)
        ordered = sorted_findings(snapshot.findings)  # causes first, each consequence after its cause

        def cause(f):
            key = consequence_of(f, ordered)
            return key_label(key) if key else None

        groups = [(LEVEL_TITLES[level], level.value, [(f, cause(f)) for f in ordered if f.level is level]) for level in Level]
        return self.env.get_template("panel.html.j2").render(
            snapshot=snapshot, groups=[g for g in groups if g[2]], folder=self.folder.name)


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
                        yield await asyncio.wait_for(queue.get(), 15)
                    except asyncio.TimeoutError:
                        yield ": vaken\n\n"
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
        task = asyncio.get_running_loop().create_task(preview.run())
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
