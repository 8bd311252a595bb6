/**
 * Fix-ups of the zip pptxgenjs writes, so the file opens cleanly and is byte-identical for
 * identical inputs:
 * - pptxgenjs 4.0.1 declares slideMaster2…N in [Content_Types].xml without writing them
 *   (@see https://github.com/gitbrent/PptxGenJS/issues/1444): drop every Override and every
 *   relationship whose part does not exist.
 * - document properties are written by us, XML-escaped (titles contain "&").
 * - created/modified come from the build clock, not "now", also inside the chart workbooks
 *   (the embedded xlsx carry new Date() too); zip entries get fixed dates, a sorted order
 *   with [Content_Types].xml first, and DEFLATE by node:zlib (zip.ts).
 * - pptxgenjs numbers charts with a module-wide counter, so a deck's chart part names depend
 *   on what was built before it in the same process: renumber them from 1 per deck.
 * - speaker notes are one string in pptxgenjs (addNotes); a newline inside <a:t> is not a
 *   paragraph break in PowerPoint, so each line becomes its own paragraph.
 * - the theme's colour scheme is replaced by the house palette, so "theme colours" in
 *   PowerPoint's pickers are ours.
 * - pptxgenjs 4.0.1 writes an <a:pPr> before every run of a paragraph, which ECMA-376's
 *   CT_TextParagraph (pPr?, runs, endParaRPr?) forbids and PowerPoint may offer to repair:
 *   each paragraph keeps its first (issue 32, item 1).
 * - pptxgenjs 4.0.1 also writes some children of presentation.xml and of chart parts out of
 *   the schema's order, and a third axis id on 2-D charts: schema-order.ts puts them right.
 */
import type { Theme } from '../../model/theme.js';
import { canonicalPlaceholders, type FaceHint, hintFaces, markDecorative } from './a11y.js';
import { ZipFiles, zipSync } from './zip.js';
import { addClaimsPart } from './claims-part.js';
import { inSchemaOrder } from './schema-order.js';
import { fixedChart } from './chart-part.js';
import type { Claim } from '../../model/claims/index.js';

/** Document properties for docProps/core.xml. */
export interface DocProps {
  title: string;
  subject: string;
  author: string;
  company: string;
  keywords?: string;
  /** The derived claims the deck prints, carried in docProps/custom.xml (claims-part.ts). */
  claims?: readonly Claim[];
}

/** Escapes text for XML element content and attribute values. */
export function xmlEscape(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] ?? ch,
  );
}

/** A part pptxgenjs wrote, as text or bytes (a missing one is a bug here, not bad input). */
function partOf(zip: ZipFiles, name: string) {
  const f = zip.file(name);
  if (!f) throw new Error(`the package has no ${name}`);
  return f;
}
const textOf = (zip: ZipFiles, name: string) => partOf(zip, name).async('string');
const bytesOf = (zip: ZipFiles, name: string) => partOf(zip, name).async('uint8array');

const dirOf = (p: string) => p.slice(0, p.lastIndexOf('/') + 1);

/** Resolves a relationship target against the folder that owns the .rels file. */
function resolveTarget(relsPath: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const base = dirOf(relsPath.replace(/_rels\/[^/]*\.rels$/, ''))
    .split('/')
    .filter(Boolean);
  for (const part of target.split('/')) {
    if (part === '..') base.pop();
    else if (part !== '.') base.push(part);
  }
  return base.join('/');
}

/** Drops content-type overrides and relationships that point at parts the zip does not have. */
async function dropDanglingReferences(zip: ZipFiles): Promise<void> {
  const names = new Set(Object.keys(zip.files).filter((n) => !zip.files[n]?.dir));
  const ct = await textOf(zip, '[Content_Types].xml');
  zip.file(
    '[Content_Types].xml',
    ct.replace(/<Override [^>]*PartName="\/([^"]+)"[^>]*\/>/g, (all, part: string) =>
      names.has(part) ? all : '',
    ),
  );
  for (const rels of [...names].filter((n) => n.endsWith('.rels'))) {
    const xml = await textOf(zip, rels);
    const fixed = xml.replace(/<Relationship [^>]*\/>/g, (all) => {
      if (/TargetMode="External"/.test(all)) return all;
      const target = /Target="([^"]+)"/.exec(all)?.[1];
      return target === undefined || names.has(resolveTarget(rels, target)) ? all : '';
    });
    if (fixed !== xml) zip.file(rels, fixed);
  }
}

function coreXml(props: DocProps, iso: string): string {
  const e = xmlEscape;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${e(props.title)}</dc:title><dc:subject>${e(props.subject)}</dc:subject>` +
    `<dc:creator>${e(props.author)}</dc:creator>` +
    (props.keywords ? `<cp:keywords>${e(props.keywords)}</cp:keywords>` : '') +
    `<cp:lastModifiedBy>${e(props.author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** Sets the clock in a core.xml that pptxgenjs wrote (the chart workbooks). */
function pinDates(xml: string, iso: string): string {
  return xml.replace(
    /(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g,
    `$1${iso}$2`,
  );
}

/** Replaces the Office colour scheme with the house palette (dk1/lt1/dk2/lt2/accent1-6). */
function houseColours(xml: string, theme: Theme): string {
  const c = theme.colors;
  const pal = theme.palette;
  const slots: Record<string, string> = {
    dk1: c.ink,
    lt1: c.paper,
    dk2: c.accent,
    lt2: c.accentLight,
    hlink: c.accent,
    folHlink: c.muted,
  };
  pal.slice(0, 6).forEach((p, i) => (slots[`accent${i + 1}`] = p));
  let out = xml.replace(/<a:clrScheme name="[^"]*">/, '<a:clrScheme name="House style">');
  for (const [slot, color] of Object.entries(slots)) {
    out = out.replace(
      new RegExp(`<a:${slot}>.*?</a:${slot}>`, 's'),
      `<a:${slot}><a:srgbClr val="${color.slice(1).toUpperCase()}"/></a:${slot}>`,
    );
  }
  return out;
}

/**
 * Renames chartK.xml / Microsoft_Excel_WorksheetK.xlsx to 1…N in creation order, with every
 * reference to them.
 */
async function renumberCharts(zip: ZipFiles): Promise<void> {
  const num = (n: string) => Number(/(\d+)\.xml$/.exec(n)?.[1]);
  const charts = Object.keys(zip.files)
    .filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n))
    .sort((a, b) => num(a) - num(b));
  const map = new Map(charts.map((n, i) => [String(num(n)), String(i + 1)]));
  const rename = (text: string) =>
    text
      .replace(
        /(charts\/(?:_rels\/)?chart)(\d+)(\.xml)/g,
        (all, a: string, k: string, b: string) => (map.has(k) ? `${a}${map.get(k)}${b}` : all),
      )
      .replace(
        /(Microsoft_Excel_Worksheet)(\d+)(\.xlsx)/g,
        (all, a: string, k: string, b: string) => (map.has(k) ? `${a}${map.get(k)}${b}` : all),
      );
  const moved: [string, Uint8Array][] = [];
  for (const name of Object.keys(zip.files).filter((n) => !zip.files[n]?.dir)) {
    const target = rename(name);
    const isText = /\.(xml|rels)$/.test(name);
    const bytes = isText
      ? new TextEncoder().encode(rename(await textOf(zip, name)))
      : await bytesOf(zip, name);
    if (target !== name || isText) {
      zip.remove(name);
      moved.push([target, bytes]);
    }
  }
  for (const [name, bytes] of moved) zip.file(name, bytes);
}

/**
 * Splits each notes text run at its newlines into separate paragraphs with the same run properties.
 */
export function splitNoteParagraphs(xml: string): string {
  return xml.replace(
    /<a:p>(<a:r>(<a:rPr[^>]*\/>)<a:t>)([^<]*)(<\/a:t><\/a:r>)/g,
    (all, open: string, rpr: string, text: string, close: string) =>
      text.includes('\n')
        ? `<a:p>${open}${text.split('\n').join(`${close}</a:p><a:p><a:r>${rpr}<a:t>`)}${close}`
        : all,
  );
}

const PPR = /<a:pPr\b(?:[^>]*\/>|[^>]*>[\s\S]*?<\/a:pPr>)/g;

/**
 * Keeps one <a:pPr> per paragraph, first, where the schema allows it. The first is the
 * paragraph's own (its bullet and indent); the later ones pptxgenjs repeats per run, with the
 * bullet switched off, and are dropped.
 */
export function onePPrPerParagraph(xml: string): string {
  return xml.replace(/<a:p>([\s\S]*?)<\/a:p>/g, (all, inner: string) => {
    const first = inner.match(PPR)?.[0];
    if (first === undefined || (inner.startsWith(first) && inner.lastIndexOf('<a:pPr') === 0))
      return all;
    return `<a:p>${first}${inner.replace(PPR, '')}</a:p>`;
  });
}

/**
 * Re-zips deterministically: sorted entries, [Content_Types].xml first, fixed dates, and
 * DEFLATE from node:zlib.
 */
async function rezip(zip: ZipFiles, clock: Date): Promise<Buffer> {
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]?.dir);
  names.sort((a, b) =>
    a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const entries = await Promise.all(
    names.map(async (name) => ({ name, bytes: await bytesOf(zip, name) })),
  );
  return zipSync(entries, clock);
}

/** Chart workbooks: pin their dates and re-zip them the same way. */
async function fixEmbeddedWorkbooks(zip: ZipFiles, clock: Date): Promise<void> {
  const iso = clock.toISOString();
  for (const name of Object.keys(zip.files).filter((n) => /^ppt\/embeddings\/.+\.xlsx$/.test(n))) {
    const inner = new ZipFiles(await bytesOf(zip, name));
    const core = inner.file('docProps/core.xml');
    if (core) inner.file('docProps/core.xml', pinDates(await core.async('string'), iso));
    zip.file(name, await rezip(inner, clock));
  }
}

/** Applies every fix-up to the bytes pptxgenjs wrote. */
export async function finishPackage(
  /** The package pptxgenjs wrote, as zip bytes or as its entries (handover-zip.ts). */
  written: Uint8Array | ZipFiles,
  props: DocProps,
  theme: Theme,
  clock: Date,
  faces: FaceHint[] = [],
  /**
   * Puts an organisation's template in (template/graft.ts); its colours and shapes stay its own.
   */
  graft?: (zip: ZipFiles) => Promise<void>,
): Promise<Uint8Array> {
  const zip = written instanceof ZipFiles ? written : new ZipFiles(written);
  if (graft) await graft(zip);
  await renumberCharts(zip);
  await dropDanglingReferences(zip);
  zip.file('ppt/presentation.xml', inSchemaOrder(await textOf(zip, 'ppt/presentation.xml')));
  const iso = clock.toISOString().replace(/\.\d{3}Z$/, 'Z');
  zip.file('docProps/core.xml', coreXml(props, iso));
  if (props.claims) await addClaimsPart(zip, props.claims);
  const app = await textOf(zip, 'docProps/app.xml');
  zip.file(
    'docProps/app.xml',
    app.replace(/<Company>[\s\S]*?<\/Company>/, `<Company>${xmlEscape(props.company)}</Company>`),
  );
  const themes = graft ? [] : Object.keys(zip.files);
  for (const name of themes.filter((n) => /^ppt\/theme\/theme\d+\.xml$/.test(n))) {
    zip.file(name, houseColours(await textOf(zip, name), theme));
  }
  for (const name of Object.keys(zip.files).filter((n) =>
    /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(n),
  )) {
    zip.file(name, onePPrPerParagraph(splitNoteParagraphs(await textOf(zip, name))));
  }
  for (const name of Object.keys(zip.files).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n))) {
    zip.file(name, fixedChart(await textOf(zip, name)));
  }
  // Accessibility and font fallbacks (a11y.ts): decorative shapes, PANOSE on house fonts.
  for (const name of Object.keys(zip.files).filter((n) =>
    /^ppt\/(slides|slideLayouts|slideMasters|theme|charts)\/[^/]+\.xml$/.test(n),
  )) {
    const xml = await textOf(zip, name);
    const drawn = (graft ? /^ppt\/slides\// : /^ppt\/(slides|slideLayouts|slideMasters)\//).test(
      name,
    )
      ? onePPrPerParagraph(canonicalPlaceholders(markDecorative(xml)))
      : xml;
    zip.file(name, hintFaces(drawn, faces));
  }
  await fixEmbeddedWorkbooks(zip, clock);
  return new Uint8Array(await rezip(zip, clock));
}
