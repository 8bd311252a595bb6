/**
 * The structure pdf.js may read objects from, held to what pdfkit writes (issue 31, item 9):
 * pdf-streams.ts skips the Flate data when it looks for names, so no object pdf.js reads may
 * lie inside it (a stored deflate block can carry a whole object, say one with an LZW filter),
 * and pdf.js must not reach data the checks never saw through a cross-reference stream.
 * Every `startxref` points at a classic `xref` table, whose entries lie outside Flate data;
 * its trailer holds only /Size, /Root, /Info and /ID (no /Prev to an earlier table); and
 * no marker pdf.js's recovery scan looks for (`N G obj`, `trailer`, `xref`) lies inside
 * Flate data.
 */
import { inputError } from '../errors.js';

/** Byte ranges [start, end) of Flate data. */
export type Ranges = [number, number][];

const inside = (at: number, ranges: Ranges) => ranges.some(([s, e]) => at >= s && at < e);

/** The markers pdf.js's recovery scan (XRef.indexObjects) acts on, wherever they are. */
const RECOVERY_MARKERS = /\d+\s+\d+\s+obj|trailer|(?:^|\s)xref\s/;

/** Names a trailer of a bulletin PDF may hold. */
const TRAILER_KEYS = new Set(['Size', 'Root', 'Info', 'ID']);

/** The offsets of in-use objects in the classic xref table at `at`, or a reason it is not one. */
function xrefOffsets(text: string, at: number): number[] | string {
  const head = /^xref[ \t]*\r?\n/.exec(text.slice(at, at + 16));
  if (!head) return `startxref points at byte ${at}, which is no classic xref table`;
  const end = text.indexOf('trailer', at);
  if (end < 0) return `the xref table at byte ${at} has no trailer`;
  const lines = text.slice(at + head[0].length, end).split(/\r\n|\r|\n/);
  const offsets: number[] = [];
  let left = 0;
  for (const line of lines) {
    if (!line.trim()) continue;
    const entry = /^(\d{10}) (\d{5}) ([nf]) ?$/.exec(line);
    const sub = /^\d+ (\d+)$/.exec(line.trim());
    if (left > 0 && entry) {
      left--;
      if (entry[3] === 'n') offsets.push(Number(entry[1]));
    } else if (left === 0 && sub) left = Number(sub[1]);
    else return `the xref table at byte ${at} has a line bulletin does not write`;
  }
  return offsets;
}

/** The names in the trailer that follows the xref table at `at`. */
function trailerNames(text: string, at: number): string[] {
  const from = text.indexOf('trailer', at);
  const to = text.indexOf('startxref', from);
  const dict = text.slice(from + 'trailer'.length, to < 0 ? undefined : to);
  return [...dict.matchAll(/\/([^\s/<>[\]()%{}]*)/g)].map((m) => m[1] ?? '');
}

/** Refuses, naming `file`, a PDF whose objects could come from where the checks did not look. */
export function assertPlainStructure(file: string, bytes: Buffer, flate: Ranges): void {
  const text = bytes.toString('latin1');
  const refuse = (why: string): never => {
    throw inputError('E_PDF_STRUCTURE', {
      file,
      message: `${why}; bulletin's PDFs never do, so it was not written by bulletin: rebuild it`,
    });
  };
  for (const [start, end] of flate)
    if (RECOVERY_MARKERS.test(text.slice(start, end)))
      refuse(`its compressed data at byte ${start} holds PDF objects in plain text`);
  const starts = [...text.matchAll(/startxref\s+(\d+)/g)].map((m) => Number(m[1]));
  if (!starts.length) refuse('it has no startxref');
  for (const at of starts) {
    const offsets = xrefOffsets(text, at);
    if (typeof offsets === 'string') refuse(offsets);
    for (const o of offsets as number[])
      if (o >= bytes.length || inside(o, flate))
        refuse(`its xref table places an object at byte ${o}, inside compressed data`);
    const odd = trailerNames(text, at).find((k) => !TRAILER_KEYS.has(k));
    if (odd !== undefined) refuse(`its trailer holds /${odd}`);
  }
}
