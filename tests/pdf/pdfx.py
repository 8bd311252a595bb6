"""The PDF/X-4 rules (ISO 15930-7) a program can check, read with pikepdf.

Prints JSON: {"problems": [...], "facts": {...}}; a conforming file has no problems.
Usage: python3 pdfx.py FILE.pdf
"""
import json
import re
import sys

import pikepdf
from pikepdf import Name

FORBIDDEN_SPACES = {"/DeviceRGB", "/CalRGB", "/Lab"}


def box(page, key):
    v = page.obj.get(key)
    return [float(x) for x in v] if v is not None else None


def inside(inner, outer, slack=0.01):
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def names_in(obj, seen, found):
    """Every name reachable from obj (dictionaries, arrays, stream dictionaries)."""
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        key = obj.objgen
        if key in seen:
            return
        seen.add(key)
    if isinstance(obj, Name):
        found.add(str(obj))
    elif isinstance(obj, pikepdf.Array):
        for x in obj:
            names_in(x, seen, found)
    elif isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        for k in obj.keys():
            names_in(obj[k], seen, found)


def content_problems(ops_owner, where, problems):
    for operands, op in pikepdf.parse_content_stream(ops_owner):
        o = str(op)
        if o in ("rg", "RG"):
            problems.append(f"{where}: DeviceRGB colour operator {o}")
        if o in ("cs", "CS") and operands and str(operands[0]) in FORBIDDEN_SPACES:
            problems.append(f"{where}: colour space {operands[0]} set by {o}")


def font_problems(font, where, problems, seen):
    if font.objgen in seen:
        return
    seen.add(font.objgen)
    sub = str(font.get("/Subtype"))
    if sub == "/Type3":
        return
    if sub == "/Type0":
        for d in font.DescendantFonts:
            font_problems(d, where, problems, seen)
        return
    fd = font.get("/FontDescriptor")
    if fd is None or not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
        problems.append(f"{where}: font {font.get('/BaseFont')} is not embedded")


def main(path):
    problems = []
    facts = {}
    with open(path, "rb") as f:
        header = f.read(8).decode("latin-1")
    pdf = pikepdf.open(path)
    facts["version"] = header[5:8]
    if float(header[5:8]) > 1.6:
        problems.append(f"header says PDF {header[5:8]}; PDF/X-4 is based on PDF 1.6")
    if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
        problems.append("the file is encrypted")
    if "/ID" not in pdf.trailer:
        problems.append("the trailer has no /ID")

    info = pdf.docinfo
    facts["info_version"] = str(info.get("/GTS_PDFXVersion", ""))
    if facts["info_version"] != "PDF/X-4":
        problems.append(f"Info GTS_PDFXVersion is {facts['info_version']!r}")
    trapped = info.get("/Trapped")
    facts["trapped"] = str(trapped)
    if not isinstance(trapped, Name) or str(trapped) not in ("/True", "/False"):
        problems.append(f"Info /Trapped is {trapped!r}, not the name /True or /False")
    if not str(info.get("/Title", "")):
        problems.append("Info has no /Title")

    xmp = bytes(pdf.Root.Metadata.read_bytes()).decode("utf-8")
    for pattern, what in [
        (r"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>", "pdfxid:GTS_PDFXVersion"),
        (r"<pdf:Trapped>(True|False)</pdf:Trapped>", "pdf:Trapped"),
        (r"<xmp:CreateDate>[^<]+</xmp:CreateDate>", "xmp:CreateDate"),
        (r"<xmp:ModifyDate>[^<]+</xmp:ModifyDate>", "xmp:ModifyDate"),
        (r"<dc:title>\s*<rdf:Alt>\s*<rdf:li[^>]*>[^<]+</rdf:li>", "dc:title"),
        (r"<xmpMM:DocumentID>uuid:[0-9a-f-]+</xmpMM:DocumentID>", "xmpMM:DocumentID"),
        (r"<xmpMM:VersionID>[^<]+</xmpMM:VersionID>", "xmpMM:VersionID"),
        (r"<xmpMM:RenditionClass>[^<]+</xmpMM:RenditionClass>", "xmpMM:RenditionClass"),
    ]:
        if not re.search(pattern, xmp):
            problems.append(f"XMP lacks {what}")

    intents = pdf.Root.get("/OutputIntents", [])
    pdfx = [i for i in intents if str(i.get("/S")) == "/GTS_PDFX"]
    if len(pdfx) != 1:
        problems.append(f"{len(pdfx)} GTS_PDFX output intents, not one")
    else:
        oi = pdfx[0]
        facts["condition"] = str(oi.get("/OutputConditionIdentifier", ""))
        facts["registry"] = str(oi.get("/RegistryName", ""))
        if not facts["condition"]:
            problems.append("the output intent has no OutputConditionIdentifier")
        profile = oi.get("/DestOutputProfile")
        if profile is None:
            problems.append("the output intent embeds no profile")
        else:
            icc = profile.read_bytes()
            facts["profile_bytes"] = len(icc)
            facts["profile_space"] = icc[16:20].decode("latin-1")
            facts["profile_class"] = icc[12:16].decode("latin-1")
            if int(profile.get("/N", 0)) != 4 or icc[16:20] != b"CMYK":
                problems.append("the output profile is not a CMYK profile with /N 4")
            if icc[12:16] != b"prtr":
                problems.append("the output profile is not an output (printer) profile")

    sizes = set()
    fonts_seen = set()
    for n, page in enumerate(pdf.pages, start=1):
        media, bleed, trim = box(page, "/MediaBox"), box(page, "/BleedBox"), box(page, "/TrimBox")
        if trim is None or bleed is None:
            problems.append(f"page {n} lacks a TrimBox or a BleedBox")
        elif not (inside(trim, bleed) and inside(bleed, media)):
            problems.append(f"page {n}: boxes not nested (trim {trim}, bleed {bleed}, media {media})")
        else:
            sizes.add((tuple(round(x, 2) for x in media), tuple(round(x, 2) for x in trim),
                       tuple(round(x, 2) for x in bleed)))
        content_problems(page, f"page {n}", problems)
        resources = page.obj.get("/Resources", pikepdf.Dictionary())
        for name, font in resources.get("/Font", pikepdf.Dictionary()).items():
            font_problems(font, f"page {n} {name}", problems, fonts_seen)
        for name, gs in resources.get("/ExtGState", pikepdf.Dictionary()).items():
            for key in ("/TR", "/HT"):
                if key in gs:
                    problems.append(f"page {n} {name}: {key} (transfer or halftone) is not allowed")
            if "/TR2" in gs and str(gs.TR2) != "/Default":
                problems.append(f"page {n} {name}: /TR2 other than /Default")
        for annot in page.obj.get("/Annots", []):
            # Preflights flag printing annotations other than printer's marks and trap
            # networks on the sheet; a link without the Print flag never prints.
            kind = str(annot.get("/Subtype"))
            if int(annot.get("/F", 0)) & 4 and kind not in ("/PrinterMark", "/TrapNet"):
                problems.append(f"page {n}: a {kind} annotation is set to print")
        for name, xo in resources.get("/XObject", pikepdf.Dictionary()).items():
            if str(xo.get("/Subtype")) == "/Form":
                content_problems(xo, f"page {n} form {name}", problems)
    if len(sizes) > 1:
        problems.append(f"pages differ in their boxes: {sorted(sizes)}")
    facts["boxes"] = [list(s) for s in sorted(sizes)]

    found = set()
    names_in(pdf.Root, set(), found)
    for page in pdf.pages:
        names_in(page.obj, set(), found)
    for bad in sorted(found & FORBIDDEN_SPACES):
        problems.append(f"the file uses the colour space {bad}")
    facts["pages"] = len(pdf.pages)
    print(json.dumps({"problems": problems, "facts": facts}))


if __name__ == "__main__":
    main(sys.argv[1])
