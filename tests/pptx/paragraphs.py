"""Checks the text structure of every slide, layout, master, notes and chart part of .pptx
files against the content models of ECMA-376 Part 1 (transitional), read with a real XML
parser (Python's own). The published XSDs are not available from the npm registry or
Debian's packages, so this checks the part of the schema decks are known to break (issue 32,
item 1: pptxgenjs 4.0.1 writes an <a:pPr> before every run):

  CT_TextParagraph  (a:p)                      pPr?, (r | br | fld)*, endParaRPr?
  CT_TextBody       (p:txBody, a:txBody,       bodyPr, lstStyle?, p+
                     c:rich, c:txPr)

Prints, as JSON, one line per element out of place: "file: part: path: message".

usage: python3 paragraphs.py deck.pptx [more.pptx ...]
"""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
PARTS = re.compile(
    r"^ppt/(slides|slideLayouts|slideMasters|notesSlides|notesMasters|charts)/[^/]+\.xml$"
)
RUNS = {A + "r", A + "br", A + "fld"}
BODIES = {P + "txBody", A + "txBody", C + "rich", C + "txPr"}


def short(tag):
    for ns, prefix in ((A, "a:"), (P, "p:"), (C, "c:")):
        if tag.startswith(ns):
            return prefix + tag[len(ns):]
    return tag


def paragraph(p):
    """Why a:p's children are out of order, or None."""
    stage = 0  # 0: pPr may come; 1: runs; 2: after endParaRPr, nothing
    for i, child in enumerate(p):
        tag = child.tag
        if tag == A + "pPr" and stage == 0:
            stage = 1
        elif tag in RUNS and stage <= 1:
            stage = 1
        elif tag == A + "endParaRPr" and stage <= 1:
            stage = 2
        else:
            before = short(p[i - 1].tag) if i else "nothing"
            return f"<{short(tag)}> after <{before}> (child {i + 1})"
    return None


def body(b):
    tags = [c.tag for c in b]
    if tags[:1] != [A + "bodyPr"]:
        return "does not start with <a:bodyPr>"
    rest = tags[1:]
    if rest[:1] == [A + "lstStyle"]:
        rest = rest[1:]
    if not rest or any(t != A + "p" for t in rest):
        return "after <a:bodyPr> and <a:lstStyle> holds something other than one or more <a:p>"
    return None


def problems(path):
    out = []
    with zipfile.ZipFile(path) as z:
        for part in sorted(n for n in z.namelist() if PARTS.match(n)):
            root = ET.fromstring(z.read(part))
            for n, p in enumerate(root.iter(A + "p")):
                why = paragraph(p)
                if why:
                    out.append(f"{path}: {part}: paragraph {n + 1}: {why}")
            for b in root.iter():
                if b.tag in BODIES:
                    why = body(b)
                    if why:
                        out.append(f"{path}: {part}: <{short(b.tag)}> {why}")
    return out


if __name__ == "__main__":
    print(json.dumps([msg for path in sys.argv[1:] for msg in problems(path)], indent=1))
