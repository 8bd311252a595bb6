/**
 * The file that holds V8's code cache for the pipeline script. V8 checks a cache's version,
 * flags and the source's length, but not its bytes in a release build, so a cache file that
 * was cut short, damaged or made for another script of the same length could be taken as
 * compiled code. The file therefore names the script it belongs to and a SHA-256 of the cache,
 * and anything else is no cache. Pure: bytes in, bytes out.
 */
import { createHash } from 'node:crypto';

const MAGIC = Buffer.from('bulletin-v8-cache 1\n');
const HASH_BYTES = 16;
const DIGEST_BYTES = 32;
const HEADER = MAGIC.length + HASH_BYTES + DIGEST_BYTES;

const digest = (data: Uint8Array) => createHash('sha256').update(data).digest();

/** The cache file for `scriptHash` (16 hex digits, the script's first line), with `data`. */
export function sealCodeCache(scriptHash: string, data: Uint8Array): Buffer {
  const hash = Buffer.from(scriptHash, 'latin1');
  if (hash.length !== HASH_BYTES) throw new RangeError(`script hash ${scriptHash}`);
  return Buffer.concat([MAGIC, hash, digest(data), data]);
}

/** The code cache in `file` if it was sealed for `scriptHash` and is whole; else undefined. */
export function openCodeCache(scriptHash: string, file: Buffer): Buffer | undefined {
  if (file.length <= HEADER || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const hash = file.subarray(MAGIC.length, MAGIC.length + HASH_BYTES).toString('latin1');
  if (hash !== scriptHash) return undefined;
  const data = file.subarray(HEADER);
  const sum = file.subarray(MAGIC.length + HASH_BYTES, HEADER);
  return digest(data).equals(sum) ? data : undefined;
}
