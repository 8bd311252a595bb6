"""Reads a tagged PDF with pikepdf (Debian python3-pikepdf) and prints, as JSON, what
tests/pdf-ua.test.ts checks: the structure tree in order (types, headings, the text each
element holds as a screen reader gets it), Link elements with their annotations, figure
bounding boxes, and the base-spec entries PDF/A and PDF/UA validators look at.

Text is decoded from the content streams through each font's ToUnicode map, by marked
content id, with /ActualText replacing the glyphs it covers; text objects are joined with
nothing, so missing space glyphs show up as words run together.

usage: python3 structure.py file.pdf
"""
import json
import re
import sys

import pikepdf

STANDARD = set(
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private "
    "P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote "
    "Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula "
    "Form".split()
)


def cmap_of(font):
    """bfchar/bfrange entries of a ToUnicode CMap: code (int) -> text."""
    out = {}
    if "/ToUnicode" not in font:
        return out
    data = font.ToUnicode.read_bytes().decode("latin1")
    hexes = lambda s: bytes.fromhex(re.sub(r"\s", "", s)).decode("utf-16-be")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = hexes(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, rest in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block):
            lo, hi = int(lo, 16), int(hi, 16)
            if rest.startswith("["):
                for i, d in enumerate(re.findall(r"<([0-9A-Fa-f\s]+)>", rest)):
                    out[lo + i] = hexes(d)
            else:
                base = hexes(rest[1:-1])
                for i in range(hi - lo + 1):
                    out[lo + i] = base[:-1] + chr(ord(base[-1]) + i)
    return out


def page_texts(page):
    """Text per MCID on one page."""
    fonts = page.Resources.get("/Font", {})
    maps = {name: cmap_of(fonts[name]) for name in fonts.keys()}
    texts = {}
    stack = []  # (mcid or None, actualtext or None, emitted?)
    cmap = {}
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op == "BDC":
            props = operands[1]
            mcid = int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
            actual = str(props.ActualText) if isinstance(props, pikepdf.Dictionary) and "/ActualText" in props else None
            stack.append([mcid, actual, False])
        elif op == "BMC":
            stack.append([None, None, False])
        elif op == "EMC":
            stack.pop()
        elif op == "Tf":
            cmap = maps.get(str(operands[0]), {})
        elif op in ("Tj", "TJ", "'", '"'):
            mcid = next((m for m, _, _ in reversed(stack) if m is not None), None)
            if mcid is None:
                continue
            actual = next((e for e in reversed(stack) if e[1] is not None), None)
            if actual is not None:
                if not actual[2]:
                    texts[mcid] = texts.get(mcid, "") + actual[1]
                    actual[2] = True
                continue
            strings = operands[0] if op == "TJ" else [operands[-1]]
            for s in strings:
                if isinstance(s, pikepdf.String):
                    b = bytes(s)
                    for i in range(0, len(b) - 1, 2):
                        texts[mcid] = texts.get(mcid, "") + cmap.get(b[i] << 8 | b[i + 1], "\ufffd")
    return texts


def main(path):
    pdf = pikepdf.open(path)
    root = pdf.Root.StructTreeRoot
    role_map = {str(k)[1:]: str(v)[1:] for k, v in root.get("/RoleMap", {}).items()}
    pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
    texts = [page_texts(p) for p in pdf.pages]
    annots = [a for p in pdf.pages for a in p.get("/Annots", []) if a.get("/Subtype") == "/Link"]
    elements = []

    def walk(el, page, depth):
        kind = str(el.S)[1:]
        if "/Pg" in el:
            page = pages[el.Pg.objgen]
        entry = {"type": kind, "depth": depth, "text": "", "objr": []}
        if "/Alt" in el:
            entry["alt"] = str(el.Alt)
        attrs = el.get("/A")
        if isinstance(attrs, pikepdf.Dictionary) and "/BBox" in attrs:
            entry["bbox"] = [float(x) for x in attrs.BBox]
        elements.append(entry)
        kids = el.get("/K", [])
        if not isinstance(kids, pikepdf.Array):
            kids = [kids]
        for k in kids:
            if isinstance(k, int):
                entry["text"] += texts[page].get(k, "")
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                entry["text"] += texts[pages[k.Pg.objgen]].get(int(k.MCID), "")
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR":
                a = k.Obj
                entry["objr"].append(
                    {
                        "subtype": str(a.get("/Subtype")),
                        "contents": str(a.get("/Contents", "")),
                        "structParent": int(a.StructParent) if "/StructParent" in a else None,
                        "quadPoints": len(a.get("/QuadPoints", [])) // 8,
                    }
                )
            elif isinstance(k, pikepdf.Dictionary) and "/S" in k:
                child = walk(k, page, depth + 1)
                entry["text"] += child["text"]
        return entry

    for k in root.K if isinstance(root.K, pikepdf.Array) else [root.K]:
        walk(k, 0, 0)

    embedded = []
    for spec in pdf.Root.get("/AF", []):
        ef = spec.EF.F
        embedded.append({"checksumBytes": len(bytes(ef.Params.CheckSum))})
    fonts = {}
    for p in pdf.pages:
        for name, f in p.Resources.get("/Font", {}).items():
            for d in f.get("/DescendantFonts", []):
                fd = d.FontDescriptor
                if "/FontFile2" in fd:
                    fonts[str(fd.FontName)] = "/Length1" in fd.FontFile2.stream_dict
    meta = pdf.Root.Metadata
    print(
        json.dumps(
            {
                "elements": elements,
                "roleMap": role_map,
                "nonStandard": sorted(
                    {e["type"] for e in elements if e["type"] not in STANDARD and role_map.get(e["type"]) not in STANDARD}
                ),
                "linkAnnotations": len(annots),
                "tabs": [str(p.get("/Tabs", "")) for p in pdf.pages],
                "annotationsWithoutStructParent": sum(1 for a in annots if "/StructParent" not in a),
                "embedded": embedded,
                "trueTypeLength1": fonts,
                "metadataKeys": sorted(str(k) for k in meta.stream_dict.keys()),
                "xmp": meta.read_bytes().decode("utf-8"),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
