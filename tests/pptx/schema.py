"""Validates the XML parts of .pptx files against the ECMA-376 transitional schemas
(ISO/IEC 29500-4, and Part 2's for the package: vendored in tests/pptx/xsd; see its README),
issue 32 item 1.

libxml2 does the validating, through python3-lxml: one process loads the schemas once and
checks every part of every deck in memory (xmllint would re-read ~400 kB of schemas per
call and needs each preprocessed part written to a file first).

Before validating, each part is read the way ECMA-376 Part 3 (Markup Compatibility) tells a
consumer that understands only the base schemas to read it: an mc:AlternateContent becomes
its first mc:Choice whose Requires namespaces are all understood, else its mc:Fallback;
elements and attributes in namespaces the part declares mc:Ignorable are dropped (an element
named in mc:ProcessContent keeps its children). Anything else not in the schemas fails.

Prints, as JSON, {"ours": [...], "template": [...]}, one problem a line:
"file: part: line N: element path: message". Given the organisation's template the decks
were built on, an error its own parts carry too (same folder, element path and message) is
listed as the template's, not ours.

usage: python3 schema.py [--template template.potx] deck.pptx [more.pptx ...]
"""
import json
import re
import sys
import zipfile
from pathlib import Path

try:
    from lxml import etree
except ImportError:
    sys.exit("schema.py needs python3-lxml (Debian): bash .ci/setup-test installs it")

XSD = Path(__file__).resolve().parent / "xsd"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML = "http://www.w3.org/XML/1998/namespace"
PREFIX = {
    "http://schemas.openxmlformats.org/presentationml/2006/main": "p",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "a",
    "http://schemas.openxmlformats.org/drawingml/2006/chart": "c",
    "http://schemas.openxmlformats.org/drawingml/2006/chartDrawing": "cdr",
    "http://schemas.openxmlformats.org/drawingml/2006/diagram": "dgm",
    "http://schemas.openxmlformats.org/drawingml/2006/picture": "pic",
    "http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas": "lc",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r",
    "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes": "s",
    "http://schemas.openxmlformats.org/package/2006/content-types": "ct",
    "http://schemas.openxmlformats.org/package/2006/relationships": "rel",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": "ep",
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties": "cp",
    "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes": "vt",
}
# What the vendored schemas define: the namespaces a consumer of them "understands".
UNDERSTOOD = set(PREFIX) | {MC, XML}
DOCPROPS = "http://schemas.openxmlformats.org/officeDocument/2006"
# Every part that carries a deck's content, and the package's content types, relationships
# and application and custom properties. Not docProps/core.xml: its schema imports Dublin
# Core's from the network.
PARTS = re.compile(
    r"^(ppt/(presentation|presProps|viewProps|tableStyles"
    r"|(slides|slideLayouts|slideMasters|notesSlides|notesMasters|handoutMasters)/\w+"
    r"|theme/theme\d+|charts/chart\d+)\.xml"
    r"|\[Content_Types\]\.xml|docProps/(app|custom)\.xml|(.*/)?_rels/[^/]*\.rels)$"
)
# No DTDs, no entities, no network: these parts may come from a user's template.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


# Known errata of the vendored schemas, applied in memory as they are loaded (the files stay
# as published): (file, published text, corrected text, why).
ERRATA = [
    (
        "dml-main.xsd",
        '<xsd:attribute name="val" type="ST_TextBulletSizePercent" use="required"/>',
        '<xsd:attribute name="val" type="ST_TextBulletSize" use="required"/>',
        # CT_TextBulletSizePercent takes only the strict "100%" form, while the schema defines,
        # and never uses, ST_TextBulletSize: that form or thousandths of a percent (25000 to
        # 400000), which is what PowerPoint itself writes (buSzPct val="100000").
        "a:buSzPct in thousandths of a percent, as PowerPoint writes it",
    ),
]


class Vendored(etree.Resolver):
    """Serves every schema from tests/pptx/xsd, errata applied; nothing from the network."""

    def resolve(self, url, public_id, context):
        name = url.rsplit("/", 1)[-1]
        text = (XSD / name).read_text(encoding="utf-8")
        for file, published, corrected, _ in ERRATA:
            if file == name:
                if published not in text:
                    raise ValueError(f"{name}: erratum no longer applies: {published}")
                text = text.replace(published, corrected)
        return self.resolve_string(text, context, base_url=(XSD / name).as_uri())


def load_schema():
    imports = "".join(
        f'<xsd:import namespace="{ns}" schemaLocation="{name}.xsd"/>'
        for ns, name in (
            ("http://schemas.openxmlformats.org/presentationml/2006/main", "pml"),
            ("http://schemas.openxmlformats.org/drawingml/2006/main", "dml-main"),
            ("http://schemas.openxmlformats.org/drawingml/2006/chart", "dml-chart"),
            ("http://schemas.openxmlformats.org/package/2006/content-types", "opc-contentTypes"),
            ("http://schemas.openxmlformats.org/package/2006/relationships", "opc-relationships"),
            (f"{DOCPROPS}/extended-properties", "shared-documentPropertiesExtended"),
            (f"{DOCPROPS}/custom-properties", "shared-documentPropertiesCustom"),
        )
    )
    wrapper = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>'
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    parser.resolvers.add(Vendored())
    doc = etree.fromstring(wrapper.encode(), parser, base_url=(XSD / "all.xsd").as_uri())
    return etree.XMLSchema(doc)


def namespaces(element, attribute):
    """The namespace URIs named by prefix in an attribute of element (mc:Ignorable on any
    element; Requires, unqualified, on mc:Choice)."""
    value = element.get(attribute if attribute == "Requires" else f"{{{MC}}}{attribute}")
    if not value:
        return set()
    return {element.nsmap.get(prefix, f"unbound prefix {prefix}") for prefix in value.split()}


def qnames(element, attribute):
    """The {ns}local names listed in mc:ProcessContent (prefix:local or prefix:*)."""
    value = element.get(f"{{{MC}}}{attribute}") or ""
    out = set()
    for name in value.split():
        prefix, _, local = name.partition(":")
        out.add(f"{{{element.nsmap.get(prefix, '')}}}{local}")
    return out


def ns_of(tag):
    return tag[1:].split("}")[0] if tag.startswith("{") else ""


def chosen(alternate):
    """The children an mc:AlternateContent stands for, per Part 3 §10.2."""
    for branch in alternate:
        if branch.tag == f"{{{MC}}}Choice" and namespaces(branch, "Requires") <= UNDERSTOOD:
            return list(branch)
        if branch.tag == f"{{{MC}}}Fallback":
            return list(branch)
    return []


class MustUnderstand(Exception):
    """An element whose mc:MustUnderstand names a namespace the schemas do not define: Part 3
    §9.5 says a consumer must then stop reading the part."""

    def __init__(self, element, namespaces):
        super().__init__(
            f"mc:MustUnderstand names {', '.join(sorted(namespaces))}, not in the schemas"
        )
        self.element = element


def preprocess(element, ignorable=frozenset(), process=frozenset()):
    """Rewrites element's subtree in place as a base-schema consumer reads it."""
    ignorable = ignorable | namespaces(element, "Ignorable")
    process = process | qnames(element, "ProcessContent")
    unknown = namespaces(element, "MustUnderstand") - UNDERSTOOD
    if unknown:
        raise MustUnderstand(element, unknown)
    for name in list(element.attrib):
        if ns_of(name) == MC or (ns_of(name) in ignorable and ns_of(name) not in UNDERSTOOD):
            del element.attrib[name]
    i = 0
    while i < len(element):
        child = element[i]
        ns = ns_of(child.tag) if isinstance(child.tag, str) else None
        if child.tag == f"{{{MC}}}AlternateContent":
            substitutes = chosen(child)
        elif ns in ignorable and ns not in UNDERSTOOD:
            whole = child.tag in process or f"{{{ns}}}*" in process
            substitutes = list(child) if whole else []
        else:
            if ns is not None:
                preprocess(child, ignorable, process)
            i += 1
            continue
        # The substitutes take the child's place and are read there by the same rules.
        element.remove(child)
        for offset, sub in enumerate(substitutes):
            element.insert(i + offset, sub)


def short(text):
    """Namespace URIs in libxml2's messages, as the prefixes decks use."""
    for ns, prefix in PREFIX.items():
        text = text.replace(f"{{{ns}}}", f"{prefix}:")
    return re.sub(r"/\*\[local-name\(\)='(\w+)'\]", r"/\1", text)


def problems(schema, path):
    """(part, element path, message) of every schema error in the deck at path."""
    out = []
    with zipfile.ZipFile(path) as z:
        for part in sorted(n for n in z.namelist() if PARTS.match(n)):
            try:
                root = etree.fromstring(z.read(part), PARSER)
            except etree.XMLSyntaxError as err:
                out.append((part, 0, "/", f"not well-formed XML: {err}"))
                continue
            try:
                preprocess(root)
            except MustUnderstand as err:
                path = short(err.element.getroottree().getpath(err.element))
                out.append((part, err.element.sourceline, path, str(err)))
                continue
            if not schema.validate(root):
                for e in schema.error_log:
                    out.append((part, e.line, short(e.path), short(e.message)))
    return out


def signature(part, element, message):
    """An error as it reads wherever the part lands in a deck (layouts are renumbered)."""
    folder = part.rsplit("/", 1)[0]
    return (folder, re.sub(r"\[\d+\]", "", element), message)


def check(schema, decks, template=None):
    """Problems of the decks, split into ours and those a template's own parts carry in."""
    theirs = set()
    if template:
        theirs = {signature(p, e, m) for p, _, e, m in problems(schema, template)}
    report = {"ours": [], "template": []}
    for deck in decks:
        for part, line, element, message in problems(schema, deck):
            side = "template" if signature(part, element, message) in theirs else "ours"
            report[side].append(f"{deck}: {part}: line {line}: {element}: {message}")
    return report


if __name__ == "__main__":
    args = sys.argv[1:]
    template = None
    if args[:1] == ["--template"]:
        template, args = args[1], args[2:]
    print(json.dumps(check(load_schema(), args, template), indent=1))
