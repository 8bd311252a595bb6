/**
 * The text a deck shows: each slide's text, its speaker notes, and its native charts' caches
 * (the values PowerPoint draws, with the data labels' number format). The package is unzipped
 * with fflate; the few OOXML elements read (a:t, a:fld, c:ser, c:numCache, c:numFmt) are
 * machine-written by our renderer, so plain patterns read them without a full XML parser.
 */
import { strFromU8, unzipSync } from 'fflate';
import path from 'node:path';
import { must } from '../checked.js';
import { inputError } from '../errors.js';
import type { ChartValue, Printed, PrintedText } from './printed.js';
import { claimsOf, customPropertyJson } from './claims.js';

/** A deck of ours holds a few MB of XML at most (slides, notes, chart caches). */
const MAX_DECK_XML = 64 * 1024 * 1024;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Decodes XML character references and the five named entities. */
export function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(Number.parseInt(e.slice(e[1] === 'x' ? 2 : 1), e[1] === 'x' ? 16 : 10))
      : (ENTITIES[e] ?? all),
  );
}

/** Capture group 1 of every match of `re` (global, its first group not optional) in `text`. */
const firstGroups = (text: string, re: RegExp): string[] =>
  [...text.matchAll(re)].map((m) => must(m[1], `group 1 of ${re.source}`));

/** Paragraph text of a slide or notes part; slide-number fields are left out (not figures). */
function partText(xml: string): string {
  return xml
    .split('</a:p>')
    .map((p) =>
      firstGroups(
        p.replace(/<a:fld\b[^>]*type="slidenum"[^>]*>[\s\S]*?<\/a:fld>/g, ''),
        /<a:t>([^<]*)<\/a:t>/g,
      )
        .map(decodeXml)
        .join(''),
    )
    .filter((t) => t.trim())
    .join('\n');
}

/** Targets of a part's relationships of one type ("slide", "chart", "notesSlide"). */
function targets(files: Record<string, Uint8Array>, part: string, type: string): string[] {
  const rels = path.posix.join(
    path.posix.dirname(part),
    '_rels',
    `${path.posix.basename(part)}.rels`,
  );
  const xml = files[rels] ? strFromU8(files[rels]) : '';
  const byId = new Map<string, string>();
  for (const attrs of firstGroups(xml, /<Relationship\b([^>]*)\/?>/g)) {
    const attr = (n: string) => new RegExp(`\\b${n}="([^"]*)"`).exec(attrs)?.[1] ?? '';
    const target = attr('Target');
    // pptxgenjs writes chart targets from the package root ("/ppt/charts/chart1.xml").
    const resolved = target.startsWith('/')
      ? target.slice(1)
      : path.posix.normalize(path.posix.join(path.posix.dirname(part), target));
    if (attr('Type').endsWith(`/${type}`)) byId.set(attr('Id'), resolved);
  }
  if (type !== 'slide') return [...byId.values()];
  // Slides in presentation order, as listed in presentation.xml.
  const xmlOfPart = must(files[part], part);
  const order = firstGroups(strFromU8(xmlOfPart), /<p:sldId\b[^>]*r:id="([^"]*)"/g);
  return order.flatMap((id) => byId.get(id) ?? []);
}

const formatOf = (xml: string | undefined) =>
  decodeXml(/<c:numFmt\b[^>]*formatCode="([^"]*)"/.exec(xml ?? '')?.[1] ?? '');

/** The cached values of a chart part, with the number format each data label uses. */
function chartValues(
  file: string,
  place: string,
  xml: string,
): { values: ChartValue[]; labels: string } {
  const values: ChartValue[] = [];
  const labels: string[] = [];
  // The chart-wide data labels follow the series in c:barChart (and other plot types).
  const chartWide = formatOf(
    /<\/c:ser>(?:(?!<c:ser>)[\s\S])*?<c:dLbls>([\s\S]*?)<\/c:dLbls>/.exec(xml)?.[1],
  );
  // A timeline plots dates: its value axis is formatted as a date ("mmm d"), so its values
  // are Excel day serials, checked as dates rather than amounts.
  const axisFormat = formatOf(/<c:valAx>([\s\S]*?)<\/c:valAx>/.exec(xml)?.[1]);
  const date = /[dmy]/i.test(axisFormat.replace(/"[^"]*"/g, '')) && !/[#0]/.test(axisFormat);
  for (const body of firstGroups(xml, /<c:ser>([\s\S]*?)<\/c:ser>/g)) {
    const name = decodeXml(/<c:tx>[\s\S]*?<c:v>([^<]*)<\/c:v>/.exec(body)?.[1] ?? '');
    const caches = [
      ...firstGroups(body, /<c:strCache>([\s\S]*?)<\/c:strCache>/g),
      ...firstGroups(body, /<c:lvl>([\s\S]*?)<\/c:lvl>/g),
    ];
    for (const c of caches) labels.push(...firstGroups(c, /<c:v>([^<]*)<\/c:v>/g).map(decodeXml));
    const own = formatOf(/<c:dLbls>([\s\S]*?)<\/c:dLbls>/.exec(body)?.[1]);
    const cache = /<c:val>[\s\S]*?<c:numCache>([\s\S]*?)<\/c:numCache>/.exec(body)?.[1] ?? '';
    const cacheFormat = decodeXml(/<c:formatCode>([^<]*)<\/c:formatCode>/.exec(cache)?.[1] ?? '');
    const formatCode = date ? axisFormat : own || chartWide || cacheFormat || 'General';
    const dLbls = /<c:dLbls>([\s\S]*?)<\/c:dLbls>/.exec(body)?.[1] ?? '';
    const shown = !/<c:showVal val="0"\/>/.test(dLbls || xml);
    for (const v of cache.matchAll(/<c:pt\b[^>]*>\s*<c:v>([^<]*)<\/c:v>/g))
      values.push({ file, place, value: Number(v[1]), formatCode, series: name, date, shown });
  }
  return { values, labels: [...new Set(labels)].join('\n') };
}

/** Reads a deck's slide text, notes and chart caches, slide by slide. */
export function readPptxText(file: string, bytes: Uint8Array): Printed {
  let files: Record<string, Uint8Array>;
  let total = 0;
  try {
    files = unzipSync(new Uint8Array(bytes), {
      filter: (f) => {
        if (!f.name.endsWith('.xml') && !f.name.endsWith('.rels')) return false;
        // Bounded before inflating: a 1 MB deck whose XML inflates to 1 GiB is no deck of ours.
        total += f.originalSize;
        if (total > MAX_DECK_XML) throw new RangeError('too large');
        return true;
      },
    });
  } catch (err) {
    throw inputError('E_DECK', {
      file,
      message:
        err instanceof RangeError
          ? `holds more than ${MAX_DECK_XML / 1048576} MB of XML once unpacked; it is not a ` +
            'deck bulletin wrote'
          : 'is not a readable deck (not a zip archive); rebuild it',
    });
  }
  const texts: PrintedText[] = [];
  const values: ChartValue[] = [];
  const slides = files['ppt/presentation.xml']
    ? targets(files, 'ppt/presentation.xml', 'slide')
    : [];
  slides.forEach((slide, i) => {
    const place = `slide ${i + 1}`;
    const read = (part: string) => (files[part] ? strFromU8(files[part]) : '');
    const xml = read(slide);
    texts.push({ file, place, text: partText(xml) });
    // Alt text of pictures and charts (a chart image lists every value there).
    for (const alt of firstGroups(xml, /<p:cNvPr\b[^>]*\bdescr="([^"]*)"/g))
      texts.push({ file, place: `${place}, alt text`, text: decodeXml(alt) });
    for (const notes of targets(files, slide, 'notesSlide'))
      texts.push({ file, place: `${place} notes`, text: partText(read(notes)) });
    targets(files, slide, 'chart').forEach((chart, k) => {
      const where = `${place}, chart ${k + 1}`;
      const { values: v, labels } = chartValues(file, where, read(chart));
      values.push(...v);
      if (labels) texts.push({ file, place: `${where} labels`, text: labels });
    });
  });
  const custom = files['docProps/custom.xml'];
  const json = custom
    ? customPropertyJson(strFromU8(custom), 'bulletin-claims', decodeXml)
    : undefined;
  return { texts, chartValues: values, files: [file], claims: [claimsOf(file, json)] };
}
