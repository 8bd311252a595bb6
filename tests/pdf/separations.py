"""A CMYK PDF page rendered to its plates by Ghostscript (tiffsep), then measured.

Prints JSON: the largest total ink (C+M+Y+K, per cent) inside the BleedBox, and for the
words of a passage of body text (from pdftotext's word boxes) how many pixels carry black
and how many carry cyan, magenta or yellow.
Usage: python3 separations.py FILE.pdf PAGE FIRST_WORD WORDS DPI
"""
import html
import json
import os
import re
import struct
import subprocess
import sys
import tempfile

import pikepdf

PLATES = ["Cyan", "Magenta", "Yellow", "Black"]


def read_tiff(path):
    """An uncompressed 8-bit greyscale TIFF as ink per pixel, 0-255 (255 = solid)."""
    data = open(path, "rb").read()
    end = "<" if data[:2] == b"II" else ">"
    (ifd,) = struct.unpack(end + "I", data[4:8])
    (count,) = struct.unpack(end + "H", data[ifd : ifd + 2])
    tags = {}
    for i in range(count):
        tag, typ, n, value = struct.unpack(end + "HHII", data[ifd + 2 + 12 * i : ifd + 14 + 12 * i])
        if typ == 3 and n == 1:
            value &= 0xFFFF if end == "<" else value >> 16
        if n > 1 and tag in (273, 279):
            size = 2 if typ == 3 else 4
            fmt = end + ("H" if typ == 3 else "I") * n
            value = struct.unpack(fmt, data[value : value + size * n])
        tags[tag] = value
    assert tags.get(259, 1) == 1, "compressed TIFF"
    assert tags.get(258, 8) == 8, "not 8 bits"
    offsets = tags[273] if isinstance(tags[273], tuple) else (tags[273],)
    counts = tags[279] if isinstance(tags[279], tuple) else (tags[279],)
    raw = b"".join(data[o : o + c] for o, c in zip(offsets, counts))
    # 0 = WhiteIsZero (value is ink), 1 = BlackIsZero (value is lightness).
    if tags[262] != 0:
        raw = raw.translate(bytes(255 - v for v in range(256)))
    return Plate(tags[256], tags[257], raw)


class Plate:
    """One separation: ink per pixel, 0-255, rows from the top."""

    def __init__(self, width, height, ink):
        self.width, self.height, self.ink = width, height, ink

    def row(self, r, x0, x1):
        return self.ink[r * self.width + x0 : r * self.width + x1]

    def count(self, rows, cols, above):
        return sum(
            sum(1 for v in self.row(r, cols.start, cols.stop) if v > above)
            for r in range(rows.start, min(rows.stop, self.height))
        )


def words_of(pdf, page, first, count):
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), pdf, "-"],
        capture_output=True, text=True, check=True,
    ).stdout
    words = [
        (float(a), float(b), float(c), float(d), html.unescape(w))
        for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            out,
        )
    ]
    start = next(i for i, w in enumerate(words) if w[4] == first)
    return words[start : start + count]


def main(pdf, page, first, count, dpi):
    page, count, dpi = int(page), int(count), int(dpi)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["gs", "-q", "-dSAFER", "-dNOPAUSE", "-dBATCH", "-sDEVICE=tiffsep",
             f"-r{dpi}", "-sCompression=none", f"-dFirstPage={page}", f"-dLastPage={page}",
             f"-sOutputFile={tmp}/p.tif", pdf],
            check=True,
        )
        plates = {p: read_tiff(os.path.join(tmp, f"p({p}).tif")) for p in PLATES}
    doc = pikepdf.open(pdf)
    media = [float(x) for x in doc.pages[page - 1].MediaBox]
    bleed = [float(x) for x in doc.pages[page - 1].get("/BleedBox", doc.pages[page - 1].MediaBox)]
    scale = dpi / 72
    height = plates["Black"].height
    # PDF y runs up from the MediaBox's bottom; image rows run down from its top.
    x0, x1 = int((bleed[0] - media[0]) * scale), int((bleed[2] - media[0]) * scale)
    r0, r1 = height - int((bleed[3] - media[1]) * scale), height - int((bleed[1] - media[1]) * scale)
    c, m, y, k = (plates[p] for p in PLATES)
    most = max(
        max(map(sum, zip(c.row(r, x0, x1), m.row(r, x0, x1), y.row(r, x0, x1), k.row(r, x0, x1))))
        for r in range(max(r0, 0), min(r1, height))
    )
    black_px = colour_px = 0
    words = words_of(pdf, page, first, count)
    for xa, ya, xb, yb, _ in words:
        # pdftotext's boxes are from the page's top-left, in points.
        box = (slice(int(ya * scale), int(yb * scale) + 1), slice(int(xa * scale), int(xb * scale) + 1))
        black_px += k.count(*box, 127)
        colour_px += sum(plates[p].count(*box, 0) for p in PLATES[:3])
    print(json.dumps({
        "maxInk": round(most * 100 / 255, 1),
        "words": len(words),
        "text": " ".join(w[4] for w in words),
        "blackPixels": black_px,
        "colourPixels": colour_px,
        "plateInk": {p: len(plates[p].ink) - plates[p].ink.count(0) for p in PLATES},
    }))


if __name__ == "__main__":
    main(*sys.argv[1:6])
