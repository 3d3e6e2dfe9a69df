"""The one URL policy of the rendering: what a text, a template or a stylesheet may load.

Allowed: the package's own assets (templates dir, or the ``--mallar`` folder overriding it),
image files (png/jpg/jpeg/svg/gif/webp) inside the årsmapp, and ``data:`` URLs of those image
types. Everything else — http(s), ``file:`` outside those folders, other ``data:`` — is refused
and becomes a ``RENDER-URL-NEKAD`` warning naming the URL. Nothing refused is ever read.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..findings import Finding, warning
from .assets import Assets

IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
ASSET_TYPES = {".css": "text/css", ".otf": "font/otf", ".ttf": "font/ttf", ".woff": "font/woff", ".woff2": "font/woff2"}
DATA_IMAGE = re.compile(r"data:(image/(?:png|jpeg|gif|webp|svg\+xml))[;,]", re.I)
LINK_SCHEMES = ("http", "https", "mailto")


class Refused(ValueError):
    """A URL the policy does not allow (never fetched)."""


class UrlPolicy:
    """Decides every URL of one build and remembers the refused ones (in order, once each)."""

    def __init__(self, assets: Assets, folder: Path):
        self.assets = assets
        self.folder = Path(folder).resolve()
        self._refused: dict[str, str] = {}  # url → where it was met

    # -- decisions -----------------------------------------------------------------------
    def refuse(self, url: str, where: str) -> None:
        self._refused.setdefault(url, where)

    def image_path(self, src: str, relative_to: Path | None = None) -> Path | None:
        """A relative or ``file:`` image reference → the image file inside the årsmapp, else None."""
        scheme = urlsplit(src).scheme.lower()
        if scheme == "file":
            candidates = [Path(url2pathname(urlsplit(src).path))]
        elif scheme or src.startswith(("/", "\\")):
            return None
        else:
            rel = unquote(src.split("#")[0].split("?")[0])
            bases = [relative_to, self.folder] if relative_to is not None else [self.folder]
            candidates = [Path(b) / rel for b in bases if b is not None]
        for path in candidates:
            try:
                path = path.resolve()
            except OSError:
                continue
            if path.suffix.lower() in IMAGE_TYPES and path.is_file() and path.is_relative_to(self.folder):
                return path
        return None

    def image_src(self, src: str, where: str, relative_to: Path | None = None) -> str | None:
        """What an ``<img src>`` from a text may become: a data: URI, or None (refused, recorded)."""
        if DATA_IMAGE.match(src):
            return src
        path = self.image_path(src, relative_to)
        if path is None:
            self.refuse(src, where)
            return None
        return data_uri(path)

    def link_allowed(self, href: str, where: str) -> bool:
        """Links in texts: web and e-mail addresses and in-document anchors only."""
        if href.startswith("#") or urlsplit(href).scheme.lower() in LINK_SCHEMES:
            return True
        self.refuse(href, where)
        return False

    # -- results -------------------------------------------------------------------------
    def findings(self) -> list[Finding]:
        return [
            warning(
                "RENDER-URL-NEKAD",
                f"Adressen ”{_short(url)}” ({where}) hämtades inte: bara bilder (png, jpg, svg, gif, webp) i "
                "årsmappen och programmets egna mallar får användas. Lägg bilden i årsmappen och hänvisa till "
                "den med en relativ sökväg, t.ex. ![Logotyp](logo.png), eller ta bort adressen.",
            )
            for url, where in self._refused.items()
        ]


def data_uri(path: Path) -> str:
    return bytes_uri(path.name, path.read_bytes())


def bytes_uri(name: str, data: bytes) -> str:
    """An image's bytes as a data: URI, its type by the name's suffix."""
    mime = IMAGE_TYPES[Path(name).suffix.lower()]
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _short(url: str) -> str:
    return url if len(url) <= 120 else url[:117] + "…"


class RestrictedFetcher(URLFetcher):
    """WeasyPrint's fetcher, limited to what :class:`UrlPolicy` allows. Never touches the network."""

    def __init__(self, policy: UrlPolicy):
        super().__init__(timeout=1, allowed_protocols=("file", "data"), allow_redirects=False)
        self.policy = policy

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            if DATA_IMAGE.match(url):
                return super().fetch(url, headers)
        elif scheme == "file":
            served = self._file(url)
            if served is not None:
                path, mime = served
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
        self.policy.refuse(url, "i en mall, stilmall eller SVG-bild")
        raise Refused(f"nekad: {url}")

    def _file(self, url: str) -> tuple[Path, str] | None:
        try:
            path = Path(url2pathname(urlsplit(url).path)).resolve()
        except (OSError, ValueError):
            return None
        base = self.policy.assets.base
        if path.is_relative_to(base):
            found = self.policy.assets.find(path.relative_to(base).as_posix())
            if found is not None:
                mime = ASSET_TYPES.get(found.suffix.lower()) or IMAGE_TYPES.get(found.suffix.lower())
                if mime is not None:
                    return found, (mime + "; charset=utf-8" if mime == "text/css" else mime)
            return None
        image = self.policy.image_path(path.as_uri())
        if image is not None:
            return image, IMAGE_TYPES[image.suffix.lower()]
        return None
