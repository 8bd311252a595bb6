/**
 * The text a PDF shows, page by page, through pdf.js (Mozilla's reader; its legacy build runs
 * in Node 20 with no system tools). Line-end hyphens are closed up as a reader would, and each
 * page's top and bottom bands (running header and footer) are kept apart so their page
 * numbers can be told from figures. Charts are vector art; their alt text is read instead.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { must } from '../checked.js';
import type { Printed, PrintedText } from './printed.js';
import { claimsOf, type RecordedClaims } from './claims.js';
import { assertPdfStreamsBounded } from './pdf-streams.js';

/** Share of the page height at the top and at the bottom that holds the running header/footer. */
const BAND = 0.06;

export interface Item {
  str: string;
  hasEOL: boolean;
  y: number;
}

/**
 * A line-end hyphen may come as its own item, then an empty one that carries the line end
 * ("setem", "-", ""): each is folded into the item before, so the word reads as hyphenated.
 */
function foldLineEnds(raw: Item[]): Item[] {
  const items: Item[] = [];
  for (const it of raw) {
    const last = items.at(-1);
    if (last && !last.hasEOL && (it.str === '-' || it.str === '')) {
      last.str += it.str;
      last.hasEOL = it.hasEOL;
    } else items.push({ ...it });
  }
  return items;
}

/** Joins text items into reading text, closing up words hyphenated at a line end. */
export function joinItems(raw: Item[]): string {
  const items = foldLineEnds(raw);
  let text = '';
  items.forEach((it, i) => {
    const next = items[i + 1]?.str ?? '';
    if (it.hasEOL && it.str.endsWith('-') && /^\p{Ll}/u.test(next)) text += it.str.slice(0, -1);
    else text += it.hasEOL ? `${it.str} ` : it.str;
  });
  return text.replace(/ {2,}/g, ' ').trim();
}

type Node = { alt?: string; children?: Node[] };
function alts(node: Node | null | undefined, out: string[] = []): string[] {
  if (!node) return out;
  if (node.alt) out.push(node.alt);
  for (const c of node.children ?? []) alts(c, out);
  return out;
}

/** The text of a file attached to the PDF, by name; undefined when there is none. */
async function attachedText(
  doc: { getAttachments(): Promise<unknown> },
  name: string,
): Promise<string | undefined> {
  const all = ((await doc.getAttachments()) ?? {}) as Record<
    string,
    { filename: string; content: Uint8Array }
  >;
  const found = Object.values(all).find((a) => a.filename === name);
  return found ? new TextDecoder().decode(found.content) : undefined;
}

/** Reads a PDF's page text and alt text. */
export async function readPdfText(file: string, bytes: Uint8Array): Promise<Printed> {
  // pdf.js inflates streams with no limit: a bomb is refused before it sees the file.
  assertPdfStreamsBounded(file, bytes);
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const texts: PrintedText[] = [];
  let claims: RecordedClaims;
  try {
    claims = claimsOf(file, await attachedText(doc, 'bulletin-sources.json'));
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, bottom, , top] = page.view;
      const height = must(top, 'page top') - must(bottom, 'page bottom');
      const content = await page.getTextContent();
      const items: Item[] = content.items.flatMap((it) =>
        'str' in it ? [{ str: it.str, hasEOL: it.hasEOL, y: it.transform[5] as number }] : [],
      );
      const inBand = (it: Item) => it.y < height * BAND || it.y > height * (1 - BAND);
      const place = `page ${n}`;
      texts.push({ file, place, text: joinItems(items.filter((it) => !inBand(it))) });
      const band = joinItems(items.filter(inBand));
      if (band)
        texts.push({
          file,
          place: `${place} header/footer`,
          text: band,
          pageNumbers: [n, doc.numPages],
        });
      for (const alt of alts((await page.getStructTree()) as Node))
        texts.push({ file, place: `${place}, chart alt text`, text: alt });
    }
  } finally {
    await doc.destroy();
  }
  return { texts, chartValues: [], files: [file], claims: [claims] };
}
