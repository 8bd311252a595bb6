/** A PNG's header, judged before any of it is decoded (diff reads previews others made). */

/** Previews are 60-150 dpi pages and slides: a few million pixels. More is not a preview. */
const MAX_PIXELS = 25_000_000;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Why `bytes` is not a preview PNG to decode, or undefined: the signature and the header's
 * size are read before any pixel is inflated (a 50000 × 50000 PNG is a few KB).
 */
export function pngProblem(bytes: Uint8Array): string | undefined {
  if (bytes.length < 24 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return 'is not a PNG';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const w = view.getUint32(16);
  const h = view.getUint32(20);
  if (w * h > MAX_PIXELS) return `is ${w} × ${h} pixels, more than a preview has`;
  return undefined;
}
