/**
 * Whether a picture of a template may go into the decks: a known raster or metafile type, of
 * a sane file size and pixel count (a 50000 × 50000 PNG is a few KB of zip and gigabytes in
 * any viewer that opens the deck). Read from the file's header; nothing is decoded.
 */

/** Types a slide master's pictures come in; SVG is left out (it can fetch other files). */
const TYPES = new Set(['png', 'jpg', 'jpeg', 'jpe', 'gif', 'bmp', 'emf', 'wmf', 'tif', 'tiff']);
const MAX_BYTES = 20 * 1024 * 1024;
/** 8K × 5K: more than any slide shows. */
const MAX_PIXELS = 40_000_000;

const be16 = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const be32 = (b: Uint8Array, i: number) => be16(b, i) * 65536 + be16(b, i + 2);
const le16 = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);

/** Width and height from a PNG, GIF or JPEG header, or undefined for other types. */
function sizeOf(b: Uint8Array): { w: number; h: number } | undefined {
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47)
    return { w: be32(b, 16), h: be32(b, 20) };
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return { w: le16(b, 6), h: le16(b, 8) };
  if (b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  // JPEG: walk the segments to the first start-of-frame marker (one step per segment).
  for (let i = 2; i + 9 < b.length; ) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1] ?? 0;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { w: be16(b, i + 7), h: be16(b, i + 5) };
    i += 2 + be16(b, i + 2);
  }
  return undefined;
}

/** Why the picture `name` cannot go into a deck, or undefined when it can. */
export function imageProblem(name: string, bytes: Uint8Array): string | undefined {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  if (!TYPES.has(ext) || name.lastIndexOf('.') < name.lastIndexOf('/'))
    return `a picture ${name} of a type the decks do not take`;
  if (bytes.byteLength > MAX_BYTES)
    return `a picture ${name} of ${(bytes.byteLength / 1048576).toFixed(0)} MB`;
  const size = sizeOf(bytes);
  if (size && size.w * size.h > MAX_PIXELS)
    return `a picture ${name} of ${size.w} × ${size.h} pixels`;
  return undefined;
}
