/**
 * What of an organisation's template may go into the decks: an allow-list, not a block-list
 * (issue 31). From the masters, only relationships to layouts, masters, themes and pictures
 * of a known type and sane size are followed; everything else — links to other servers or to
 * local files (TargetMode="External", which made decks fetch URLs when opened), OLE objects,
 * embedded files, macros under any name, unknown parts — is left out together with whatever
 * refers to it, and named so the build can say so once.
 */
import { escapeAttr, type XmlElement } from './xml.js';
import { imageProblem } from './images.js';

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const ALLOWED = new Set(['slideLayout', 'slideMaster', 'theme', 'image']);
/** Hyperlinks and sounds are removed themselves; anything else goes with its whole shape. */
const SELF_REMOVED = new Set(['a:hlinkClick', 'a:hlinkHover', 'a:hlinkMouseOver', 'a:snd']);
const SHAPES = new Set(['p:sp', 'p:pic', 'p:graphicFrame', 'p:grpSp', 'p:cxnSp', 'p:bg']);

const dirOf = (p: string) => p.slice(0, p.lastIndexOf('/') + 1);

/** The relationships part of a part. */
export const relsOf = (part: string): string =>
  `${dirOf(part)}_rels/${part.slice(dirOf(part).length)}.rels`;

/**
 * Resolves a relationship target against the part that owns it, or undefined when it leaves
 * the package (more ".." than folders) or is not a plain part name.
 */
export function resolvePart(owner: string, target: string): string | undefined {
  if (/[\\\0?#]/.test(target) || /^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined;
  const base = target.startsWith('/') ? [] : dirOf(owner).split('/').filter(Boolean);
  for (const part of target.split('/')) {
    if (part === '..') {
      if (base.length === 0) return undefined;
      base.pop();
    } else if (part !== '.' && part !== '') base.push(part);
  }
  return base.length ? base.join('/') : undefined;
}

/** One relationship of a rels part. */
export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** The relationships of a parsed rels part. */
export const relationshipsIn = (rels: XmlElement): Relationship[] =>
  rels.children
    .filter((c) => c.name === 'Relationship')
    .map((c) => ({
      id: c.attrs.Id ?? '',
      type: c.attrs.Type ?? '',
      target: c.attrs.Target ?? '',
      external: c.attrs.TargetMode === 'External',
    }));

/** The kind of a relationship: the last segment of its type URI. */
export const kindOf = (type: string): string => type.slice(type.lastIndexOf('/') + 1);

/** The template's parts the decks may take, and what was left out (for one warning). */
export interface Sanitized {
  parts: Map<string, Uint8Array>;
  dropped: string[];
}

/** The rels part rewritten with only the kept relationships. */
function relsXml(kept: Relationship[]): string {
  const rows = kept.map(
    (r) =>
      `<Relationship Id="${escapeAttr(r.id)}" Type="${escapeAttr(r.type)}" ` +
      `Target="${escapeAttr(r.target)}"/>`,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `${rows.join('')}</Relationships>`
  );
}

/** `xml` without what refers to the relationships `ids` (hyperlinks, linked pictures, OLE). */
export function withoutReferences(xml: string, root: XmlElement, ids: Set<string>): string {
  const prefixes = new Set<string>();
  const edits: { start: number; end: number; text: string }[] = [];
  const walk = (el: XmlElement, ancestors: XmlElement[]) => {
    for (const [k, v] of Object.entries(el.attrs))
      if (k.startsWith('xmlns:') && v === REL_NS) prefixes.add(k.slice(6));
    const refs = Object.entries(el.attrs).filter(
      ([k, v]) => ids.has(v) && prefixes.has(k.slice(0, Math.max(0, k.indexOf(':')))),
    );
    if (refs.length && el.name === 'a:blip') {
      // A linked picture (r:link): the picture stays, without the link.
      const keep = Object.entries(el.attrs).filter(([k]) => !refs.some(([r]) => r === k));
      const attrs = keep.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
      const close = el.openEnd === el.end && xml[el.end - 2] === '/' ? '/>' : '>';
      edits.push({ start: el.start, end: el.openEnd, text: `<${el.name}${attrs}${close}` });
    } else if (refs.length) {
      const shape =
        ancestors.find((a) => a.name === 'mc:AlternateContent') ??
        (SELF_REMOVED.has(el.name) ? el : [...ancestors].reverse().find((a) => SHAPES.has(a.name)));
      const gone = shape ?? el;
      edits.push({ start: gone.start, end: gone.end, text: '' });
    }
    for (const c of el.children) walk(c, [...ancestors, el]);
  };
  walk(root, []);
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of edits) {
    if (e.start < at) continue; // inside a shape already removed
    out += xml.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + xml.slice(at);
}

/**
 * Walks from the masters along allowed relationships; `parse` reads a part as XML (throwing
 * a message that names it). Returns the parts reached, each with its rels rewritten.
 */
export function sanitizeTemplate(
  parts: Map<string, Uint8Array>,
  masters: string[],
  parse: (part: string) => { text: string; root: XmlElement },
): Sanitized {
  const out = new Map<string, Uint8Array>();
  const dropped: string[] = [];
  const encoder = new TextEncoder();
  const queue = [...masters];
  const seen = new Set(queue);
  while (queue.length) {
    const owner = queue.shift() as string;
    const relsName = relsOf(owner);
    // Parsed even when nothing refers out of it: a DTD or broken XML fails here, by name.
    const { text, root } = parse(owner);
    if (!parts.has(relsName)) {
      out.set(owner, parts.get(owner) as Uint8Array);
      continue;
    }
    const kept: Relationship[] = [];
    const gone = new Set<string>();
    for (const r of relationshipsIn(parse(relsName).root)) {
      const kind = kindOf(r.type);
      const to = r.external ? undefined : resolvePart(owner, r.target);
      const why = r.external
        ? `a link to ${JSON.stringify(r.target)} outside the file (${kind})`
        : !ALLOWED.has(kind)
          ? `a ${kind} part ${to ?? JSON.stringify(r.target)}`
          : to === undefined
            ? `a ${kind} whose target ${JSON.stringify(r.target)} leaves the package`
            : !parts.has(to)
              ? undefined
              : kind === 'image'
                ? imageProblem(to, parts.get(to) as Uint8Array)
                : undefined;
      if (why || to === undefined || !parts.has(to)) {
        gone.add(r.id);
        if (why) dropped.push(`${why}, used by ${owner}`);
        continue;
      }
      kept.push(r);
      if (!seen.has(to)) {
        seen.add(to);
        if (kind === 'image') out.set(to, parts.get(to) as Uint8Array);
        else queue.push(to);
      }
    }
    const bytes = gone.size
      ? encoder.encode(withoutReferences(text, root, gone))
      : parts.get(owner);
    out.set(owner, bytes as Uint8Array);
    out.set(relsName, encoder.encode(relsXml(kept)));
  }
  return { parts: out, dropped };
}
