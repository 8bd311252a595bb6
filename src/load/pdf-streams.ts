/**
 * Bounds what pdf.js may decompress before it is handed a PDF someone else made (issue 31,
 * item 9): pdf.js inflates a stream whole, with no limit, so `diff` on a 1 MB PDF whose
 * embedded sources JSON inflated to 1 GiB peaked at 3.3 GB. Each stream is found by its
 * `stream` keyword and its data, where pdf.js starts it, is inflated here under a cap; the
 * output is counted and dropped. Only FlateDecode can be checked this way, so a PDF that
 * names another expanding decoder pdf.js implements, or encryption (which hides the Flate
 * data from this check), is refused: bulletin's own PDFs (pdfkit) use neither.
 */
import { inflateSync } from 'node:zlib';
import { inputError } from '../errors.js';
import { assertPlainStructure } from './pdf-structure.js';

const MiB = 1024 * 1024;
/**
 * The largest stream in a bulletin PDF inflates to under 1 MiB (the embedded font; the
 * sources JSON of the 10-partner fixture is a few hundred KB), so 64 MiB leaves room for
 * data far beyond any bulletin, while pdf.js, which grows a decoded stream by doubling its
 * buffer, then stays far under the few hundred MB a CLI may use.
 */
export const MAX_STREAM_BYTES = 64 * MiB;
/** All streams together: pdf.js keeps fonts and pages decoded while it reads. */
export const MAX_TOTAL_BYTES = 256 * MiB;
/** Nested FlateDecode layers ([/FlateDecode /FlateDecode]) checked before refusing. */
const MAX_LAYERS = 4;

/**
 * Decoders pdf.js implements other than FlateDecode and DCTDecode, by full and short name,
 * and the dictionaries that would let it read data this check does not see: encryption,
 * cross-reference and object streams (pdfkit writes a classic xref table, no object streams).
 */
const REFUSED_NAMES = new Set([
  'LZWDecode',
  'LZW',
  'ASCII85Decode',
  'A85',
  'ASCIIHexDecode',
  'AHx',
  'RunLengthDecode',
  'RL',
  'CCITTFaxDecode',
  'CCF',
  'JBIG2Decode',
  'JPXDecode',
  'JPX',
  'BrotliDecode',
  'Crypt',
  'Encrypt',
  'XRef',
  'XRefStm',
  'ObjStm',
]);

const STREAM = Buffer.from('stream');

/** Where pdf.js starts a stream's data: after the end of the line holding `stream`. */
function dataStart(bytes: Buffer, keywordEnd: number): number {
  for (let i = keywordEnd; i < bytes.length; i++) {
    if (bytes[i] === 0x0d) return bytes[i + 1] === 0x0a ? i + 2 : i + 1;
    if (bytes[i] === 0x0a) return i + 1;
  }
  return bytes.length;
}

/** A zlib header as pdf.js's FlateStream accepts it (method 8, check bits). */
function isZlibHeader(bytes: Buffer, at: number): boolean {
  const cmf = bytes[at];
  const flg = bytes[at + 1];
  if (cmf === undefined || flg === undefined) return false;
  return (cmf & 0x0f) === 8 && ((cmf << 8) + flg) % 31 === 0;
}

type Inflated = { output: Buffer; consumed: number };

/**
 * Inflates one layer of the stream at byte `where` with at most `limit` bytes out, or says
 * why it cannot be bounded; `overflow` names the cap that `limit` enforces.
 */
function inflateCapped(
  file: string,
  data: Buffer,
  where: number,
  limit: number,
  overflow: string,
): Inflated {
  try {
    if (limit <= 0)
      throw Object.assign(new Error('no bytes left'), { code: 'ERR_BUFFER_TOO_LARGE' });
    const { buffer, engine } = inflateSync(data, {
      maxOutputLength: limit,
      info: true,
    }) as unknown as {
      buffer: Buffer;
      engine: { bytesWritten: number };
    };
    return { output: buffer, consumed: engine.bytesWritten };
  } catch (err) {
    const tooLarge = (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw inputError('E_PDF_BOMB', {
      file,
      message: tooLarge
        ? `${overflow}; bulletin writes nothing so large, so this is not a PDF it wrote ` +
          '(or it was altered): rebuild it'
        : // pdf.js decodes some streams zlib refuses (a distance too far back reads as 0),
          // so a stream that cannot be checked is refused rather than passed on unchecked.
          `its compressed stream at byte ${where} does not inflate cleanly ` +
          `(${(err as Error).message}); rebuild it`,
    });
  }
}

/** The byte ranges of Flate data, after checking that each inflates under the caps. */
function checkFlateStreams(file: string, bytes: Buffer): [number, number][] {
  const bodies: [number, number][] = [];
  let total = 0;
  for (let at = bytes.indexOf(STREAM); at >= 0; at = bytes.indexOf(STREAM, at + 1)) {
    const start = dataStart(bytes, at + STREAM.length);
    if (!isZlibHeader(bytes, start)) continue;
    let layer = bytes.subarray(start);
    for (let depth = 0; isZlibHeader(layer, 0); depth++) {
      if (depth === MAX_LAYERS)
        throw inputError('E_PDF_BOMB', {
          file,
          message: `its stream at byte ${start} is compressed ${MAX_LAYERS} times over; rebuild it`,
        });
      const left = MAX_TOTAL_BYTES - total;
      const overflow =
        left < MAX_STREAM_BYTES
          ? `its embedded streams together inflate past ${MAX_TOTAL_BYTES / MiB} MiB`
          : `its embedded stream at byte ${start} inflates past ${MAX_STREAM_BYTES / MiB} MiB`;
      const limit = Math.min(left, MAX_STREAM_BYTES);
      const { output, consumed } = inflateCapped(file, layer, start, limit, overflow);
      if (depth === 0) bodies.push([start, start + consumed]);
      total += output.length;
      layer = output;
    }
  }
  return bodies;
}

/** PDF whitespace and delimiters end a name (PDF 32000-1, 7.2.2). */
const ENDS_NAME = new Set(Buffer.from('\0\t\n\f\r ()<>[]{}/%'));

/** The name starting after the `/` at `at`, with #xx escapes decoded as pdf.js does. */
function nameAt(bytes: Buffer, at: number, end: number): string {
  let name = '';
  for (let i = at + 1; i < end; i++) {
    const c = bytes[i] as number;
    if (ENDS_NAME.has(c)) break;
    const hex = c === 0x23 ? bytes.subarray(i + 1, i + 3).toString('latin1') : '';
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      name += String.fromCharCode(Number.parseInt(hex, 16));
      i += 2;
    } else name += String.fromCharCode(c);
  }
  return name;
}

/** The first refused name outside the Flate data, with its offset. */
function refusedName(bytes: Buffer, bodies: [number, number][]): [string, number] | undefined {
  let from = 0;
  for (const [start, end] of [...bodies, [bytes.length, bytes.length] as [number, number]]) {
    for (let at = bytes.indexOf(0x2f, from); at >= 0 && at < start; ) {
      const name = nameAt(bytes, at, start);
      if (REFUSED_NAMES.has(name)) return [name, at];
      at = bytes.indexOf(0x2f, at + 1);
    }
    from = Math.max(from, end);
  }
  return undefined;
}

/**
 * Refuses, as bad input naming `file`, a PDF whose streams would make pdf.js decompress
 * more than the caps above, or that uses a decoder or structure this check cannot bound.
 */
export function assertPdfStreamsBounded(file: string, bytes: Uint8Array): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flate = checkFlateStreams(file, buf);
  assertPlainStructure(file, buf, flate);
  const refused = refusedName(buf, flate);
  if (refused)
    throw inputError('E_PDF_FILTER', {
      file,
      message:
        `it uses /${refused[0]} (at byte ${refused[1]}), which bulletin never writes and ` +
        'whose decoded size cannot be bounded before reading; rebuild it',
    });
}
