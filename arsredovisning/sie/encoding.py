"""Which character set a SIE file really uses.

The standard says IBM PC8 (code page 437) and ``#FORMAT PC8``, but real exports are often written
by Windows programs in ISO-8859-1/Windows-1252, or as UTF-8, and still say PC8. The three are told
apart by their bytes, counted while the file streams past (nothing is kept):

- valid UTF-8 with multi-byte sequences → UTF-8 (a BOM too);
- otherwise each 8-bit byte votes: the Swedish letters of CP437 (å ä ö Å Ä Ö é ü = 0x86 0x84 0x94
  0x8F 0x8E 0x99 0x82 0x81) against those of ISO-8859-1 (0xE5 0xE4 0xF6 0xC5 0xC4 0xD6 0xE9 0xFC);
  the one with more Swedish letters wins, CP437 on a tie (the standard).

ISO-8859-1 files are decoded as ISO-8859-15 (the same letters; ``€`` where -1 has ``¤``).
"""

from __future__ import annotations

import codecs

CP437_LETTERS = frozenset(b"\x86\x84\x94\x8f\x8e\x99\x82\x81\x90")
LATIN_LETTERS = frozenset(b"\xe5\xe4\xf6\xc5\xc4\xd6\xe9\xfc\xc9")
UTF8_BOM = codecs.BOM_UTF8

NAMES = {"utf-8": "Unicode (UTF-8)", "cp437": "PC8 (IBM CP437)", "iso-8859-15": "ISO-8859-15 (Latin-9)"}


class EncodingVote:
    """Feed the file's bytes in chunks; :meth:`result` names the codec."""

    def __init__(self) -> None:
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        self._utf8_ok = True
        self._multibyte = False
        self._cp437 = 0
        self._latin = 0
        self._first = True
        self.bom = False

    def feed(self, chunk: bytes) -> None:
        if self._first:
            self._first = False
            if chunk.startswith(UTF8_BOM):
                self.bom = True
                chunk = chunk[len(UTF8_BOM):]
        if self._utf8_ok:
            try:
                self._utf8.decode(chunk)
            except UnicodeDecodeError:
                self._utf8_ok = False
        if not chunk.isascii():
            self._multibyte = True
            self._cp437 += sum(chunk.count(b) for b in CP437_LETTERS)
            self._latin += sum(chunk.count(b) for b in LATIN_LETTERS)

    def result(self) -> str:
        if self.bom:
            return "utf-8"
        if self._utf8_ok:
            try:
                self._utf8.decode(b"", final=True)
            except UnicodeDecodeError:
                self._utf8_ok = False
        if self._utf8_ok and self._multibyte:
            return "utf-8"
        if self._latin > self._cp437:
            return "iso-8859-15"
        return "cp437"
