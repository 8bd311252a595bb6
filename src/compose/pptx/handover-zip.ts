/**
 * The zips pptxgenjs writes are only a hand-over: package.ts unpacks every deck (and each
 * native chart's embedded workbook) and zips it again deterministically. pptxgenjs packs them
 * with JSZip, whose generator runs CRC-32, UTF-8 and base64 in JavaScript through its stream
 * workers: ~35 ms a deck, a tenth of a large build. While a deck is written, JSZip's
 * generateAsync is swapped for a stored (uncompressed) zip from zip.ts (native CRC-32), for
 * the plain case pptxgenjs uses (in-memory text and bytes, no per-file options); anything else
 * goes to JSZip's own; and base64 content pptxgenjs adds (the chart workbooks) is decoded by
 * Node rather than by JSZip's JavaScript decoder. The entries' names and bytes are the same
 * either way, so the finished decks are byte-identical. Considered: passing pptxgenjs another
 * zip library (it imports JSZip itself, with no option to choose) and patching pptxgenjs (a
 * fork to maintain).
 */
import { createRequire } from 'node:module';
import { type Content, zipSync } from './zip.js';

type Generate = (options?: { type?: string; compression?: string }) => Promise<unknown>;

interface ZipObjectLike {
  dir: boolean;
  comment?: string | null;
  unixPermissions?: number | null;
  dosPermissions?: number | null;
  options: { compression?: string | null };
  _data: unknown;
  _dataBinary: boolean;
}

interface JSZipLike {
  files: Record<string, ZipObjectLike>;
  comment?: string | null;
}

type File = (name: string, data?: unknown, options?: { base64?: boolean }) => unknown;
interface JSZipPrototype {
  generateAsync: Generate;
  file: File;
}

/** The JSZip that pptxgenjs loads (resolved from its own folder), loaded on first use. */
let proto: JSZipPrototype | undefined;
function jszipPrototype(): JSZipPrototype {
  if (!proto) {
    const fromPptxgen = createRequire(createRequire(import.meta.url).resolve('pptxgenjs'));
    proto = (fromPptxgen('jszip') as { prototype: JSZipPrototype }).prototype;
  }
  return proto;
}

const OUTPUTS = new Set(['base64', 'nodebuffer', 'uint8array']);
const HANDOVER_DATE = new Date(Date.UTC(2000, 0, 1));

/** One in-memory entry as JSZip holds it (text or bytes), or null when not plain. */
async function entryContent(f: ZipObjectLike): Promise<Content | null> {
  if (f.comment || f.unixPermissions || f.dosPermissions) return null;
  if (f.options.compression && f.options.compression !== 'STORE') return null;
  const data = await f._data;
  if (typeof data === 'string') return f._dataBinary ? Buffer.from(data, 'latin1') : data;
  return data instanceof Uint8Array ? data : null;
}

/**
 * The entries behind each stored zip made here, by its bytes: package.ts takes them as they
 * are (text stays text) instead of unzipping and decoding what was just zipped.
 */
const handedOver = new WeakMap<object, Record<string, Content>>();

/** The entries a stored hand-over zip was made from, when it was made here. */
export const handedOverEntries = (zip: unknown): Record<string, Content> | undefined =>
  zip !== null && typeof zip === 'object' ? handedOver.get(zip) : undefined;

/** A stored zip of the entries, in JSZip's output types; null to leave the call to JSZip. */
async function storedZip(zip: JSZipLike, type: string): Promise<unknown> {
  const entries: Record<string, Content> = {};
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (const [name, f] of Object.entries(zip.files)) {
    if (f.dir) continue;
    const content = await entryContent(f);
    if (content === null) return null;
    entries[name] = content;
    files.push({ name, bytes: typeof content === 'string' ? Buffer.from(content) : content });
  }
  // A fixed date: the bytes are read back, never kept (package.ts dates the real entries).
  const out = zipSync(files, HANDOVER_DATE, true);
  if (type === 'base64') return out.toString('base64');
  const bytes =
    type === 'uint8array' ? new Uint8Array(out.buffer, out.byteOffset, out.length) : out;
  handedOver.set(bytes, entries);
  return bytes;
}

let writers = 0;
let originals: JSZipPrototype | undefined;

/** Runs `write` (a pptxgenjs write) with the stored hand-over zips in place of JSZip's. */
export async function withStoredHandover<T>(write: () => Promise<T>): Promise<T> {
  const p = jszipPrototype();
  if (writers++ === 0) {
    const own = { generateAsync: p.generateAsync, file: p.file };
    originals = own;
    p.generateAsync = async function (this: JSZipLike, options = {}) {
      const plain =
        OUTPUTS.has(options.type ?? '') &&
        (options.compression === undefined || options.compression === 'STORE') &&
        !this.comment;
      const out = plain ? await storedZip(this, options.type as string) : null;
      return out ?? own.generateAsync.call(this, options);
    };
    p.file = function (this: unknown, name, data, options) {
      if (typeof data === 'string' && options?.base64 === true)
        return own.file.call(this, name, Buffer.from(data, 'base64'), {
          ...options,
          base64: false,
          binary: true,
        } as typeof options);
      return own.file.apply(this, [...arguments] as Parameters<File>);
    };
  }
  try {
    return await write();
  } finally {
    if (--writers === 0 && originals) Object.assign(p, originals);
  }
}
