/**
 * A deterministic zip writer on node:zlib. JSZip's DEFLATE is pako (a JavaScript zlib) and took
 * 60–220 ms a deck at level 9; Node's native zlib takes a few. Entries in the order given, one
 * fixed date, UNIX permissions 0664, no data descriptors, no extra fields, so equal entries
 * give equal bytes. Considered: yazl (native zlib too, but a stream API and one more dependency
 * for ~60 lines).
 *
 * Reading is fflate's unzipSync behind the few JSZip calls the fix-ups make (ZipFiles): JSZip
 * reads every entry through its stream workers, a few ms an entry and ~10% of a deck's time.
 */
import { unzipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';

/** One file of the archive. */
export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;

/**
 * MS-DOS time and date fields of a UTC instant (2-second resolution). The format holds years
 * 1980–2107 only: a build clock outside them (a dataset with no dates builds at the epoch,
 * 1970) is clamped to the nearest end rather than written as a negative field.
 */
function dosDateTime(clock: Date): { time: number; date: number } {
  const min = Date.UTC(1980, 0, 1);
  const max = Date.UTC(2107, 11, 31, 23, 59, 58);
  const d = new Date(Math.min(max, Math.max(min, clock.getTime())));
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/**
 * Deflated entries by content: a build's decks share their masters, layouts, theme and many
 * chart parts (a third of their bytes), and DEFLATE is most of a deck's packaging time. zlib is
 * deterministic, so a remembered result is the bytes deflating again would give.
 * Bounded, so a long build (or --watch) does not keep every part it ever zipped.
 */
const deflated = new Map<string, Buffer>();
/**
 * zlib's default. Level 9 took 1.4× the time for 0.6 % smaller decks (the parts of 40 decks:
 * 187 → 135 ms, 3376 → 3396 KB); lower levels save little more time and grow the files 3–9 %.
 */
const DEFLATE_LEVEL = 6;
const DEFLATE_MEMO_BYTES = 16 * 1024 * 1024;
let memoBytes = 0;
function deflateOnce(bytes: Uint8Array): Buffer {
  const key = createHash('sha1').update(bytes).digest('base64');
  let out = deflated.get(key);
  if (!out) {
    out = deflateRawSync(bytes, { level: DEFLATE_LEVEL });
    if (memoBytes + out.length > DEFLATE_MEMO_BYTES) {
      deflated.clear();
      memoBytes = 0;
    }
    deflated.set(key, out);
    memoBytes += out.length;
  }
  return out;
}

/**
 * Zips `entries` (DEFLATE at zlib's default level, or stored when that is smaller; all stored
 * with `store`, for a zip that is only read back) dated `clock`.
 */
export function zipSync(entries: ZipEntry[], clock: Date, store = false): Buffer {
  const { time, date } = dosDateTime(clock);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, bytes } of entries) {
    const fileName = Buffer.from(name, 'utf8');
    const packed = store ? undefined : deflateOnce(bytes);
    const stored = packed === undefined || packed.length >= bytes.length;
    const data = stored ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) : packed;
    // Fields shared by the local and the central header, from "version needed" on.
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0); // version needed: 2.0 (DEFLATE)
    common.writeUInt16LE(fileName.length === name.length ? 0 : 0x0800, 2); // bit 11: UTF-8 name
    common.writeUInt16LE(stored ? 0 : 8, 4);
    common.writeUInt16LE(time, 6);
    common.writeUInt16LE(date, 8);
    common.writeUInt32LE(crc32(bytes), 10);
    common.writeUInt32LE(data.length, 14);
    common.writeUInt32LE(bytes.length, 18);
    common.writeUInt16LE(fileName.length, 22);
    common.writeUInt16LE(0, 24); // no extra field
    const local = Buffer.alloc(4);
    local.writeUInt32LE(LOCAL, 0);
    locals.push(local, common, fileName, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(0x031e, 4); // made by: UNIX, zip 3.0
    common.copy(central, 6);
    // comment length, disk number, internal attributes: 0
    central.writeUInt32LE((0o100664 << 16) >>> 0, 38); // a regular file, rw-rw-r--
    central.writeUInt32LE(offset, 42);
    centrals.push(central, fileName);
    offset += 30 + fileName.length + data.length;
  }
  const dirSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

export type Content = string | Uint8Array;
interface ZipEntryHandle {
  async(type: 'string'): Promise<string>;
  async(type: 'uint8array'): Promise<Uint8Array>;
}

/**
 * A package held as named entries, edited in memory: the subset of JSZip's API the fix-ups in
 * package.ts use (files, file(name), file(name, content), remove), read with fflate.
 */
export class ZipFiles {
  /** Every entry, folders (names ending in "/") marked `dir` as JSZip marks them. */
  readonly files: Record<string, { dir: boolean }> = {};
  private readonly content = new Map<string, Content>();

  /** The entries of a zip's bytes, or entries as they are (text or bytes, by name). */
  constructor(from: Uint8Array | Record<string, Content>) {
    const entries = from instanceof Uint8Array ? unzipSync(from) : from;
    for (const [name, data] of Object.entries(entries)) this.set(name, data);
  }

  private set(name: string, data: Content): void {
    this.files[name] = { dir: name.endsWith('/') };
    this.content.set(name, data);
  }

  file(name: string): ZipEntryHandle | null;
  file(name: string, data: Content): this;
  file(name: string, data?: Content): ZipEntryHandle | null | this {
    if (data !== undefined) {
      this.set(name, data);
      return this;
    }
    const held = this.content.get(name);
    if (held === undefined) return null;
    const bytes = () => (typeof held === 'string' ? new TextEncoder().encode(held) : held);
    return {
      async: ((type: 'string' | 'uint8array') =>
        Promise.resolve(
          type === 'string'
            ? typeof held === 'string'
              ? held
              : Buffer.from(held.buffer, held.byteOffset, held.length).toString('utf8')
            : bytes(),
        )) as ZipEntryHandle['async'],
    };
  }

  remove(name: string): void {
    delete this.files[name];
    this.content.delete(name);
  }
}
