/**
 * The deflate level of the PDF's streams. pdfkit compresses every stream at zlib's default
 * (6) and has no option for it; a page that carries the charts is ~430 KB of path operators
 * before compression, and deflating the PDF was ~15 ms of every build, the largest single cost
 * left in a warm one. Level 4 deflates it in ~60% of the time for ~5% more bytes (the seed's
 * PDF 181 → 190 KB); the output stays the same build to build (same zlib, same level).
 */
import { deflateSync } from 'node:zlib';
import type { Doc } from './fonts.js';

/** The level the PDF's streams are deflated at. */
export const PDF_DEFLATE_LEVEL = 4;

interface Ref {
  compress: boolean;
  buffer: Uint8Array[];
  finalize(): void;
}

/** Deflates the streams this document makes from now on at PDF_DEFLATE_LEVEL, not pdfkit's. */
export function deflateStreams(doc: Doc): void {
  const d = doc as unknown as { ref(data?: Record<string, unknown>): Ref };
  const make = d.ref.bind(d);
  d.ref = (data?: Record<string, unknown>) => {
    const ref = make(data);
    const finalize = ref.finalize.bind(ref);
    ref.finalize = () => {
      // pdfkit marked the stream /FlateDecode as it was written; it now only has to write it.
      if (ref.compress && ref.buffer.length) {
        ref.buffer = [deflateSync(Buffer.concat(ref.buffer), { level: PDF_DEFLATE_LEVEL })];
        ref.compress = false;
      }
      finalize();
    };
    return ref;
  };
}
