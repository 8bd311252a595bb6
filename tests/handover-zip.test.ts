import { unzipSync } from 'fflate';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { handedOverEntries, withStoredHandover } from '../src/compose/pptx/handover-zip.js';

/** A zip's files (folders left out) as name → bytes in hex, sorted. */
function entries(bytes: Uint8Array): [string, string][] {
  return Object.entries(unzipSync(bytes))
    .filter(([name]) => !name.endsWith('/'))
    .map(([name, b]): [string, string] => [name, Buffer.from(b).toString('hex')])
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

function sample(): JSZip {
  const zip = new JSZip();
  zip.folder('ppt/charts');
  zip.file('a.xml', '<a>é “quoted” 😀</a>');
  zip.file('b.bin', new Uint8Array([0, 1, 2, 255]));
  zip.file('c.b64', Buffer.from('binary \x00 bytes').toString('base64'), { base64: true });
  return zip;
}

describe('stored hand-over zips (pptxgenjs → package.ts)', () => {
  it('hold the same entries JSZip writes, in every output type pptxgenjs asks for', async () => {
    const own = entries((await sample().generateAsync({ type: 'uint8array' })) as Uint8Array);
    const stored = await withStoredHandover(async () => ({
      buffer: await sample().generateAsync({ type: 'nodebuffer' }),
      base64: await sample().generateAsync({ type: 'base64' }),
    }));
    expect(entries(stored.buffer)).toEqual(own);
    expect(entries(Buffer.from(stored.base64, 'base64'))).toEqual(own);
    // Stored, not deflated: the hand-over is read straight back.
    expect(stored.buffer.readUInt16LE(8)).toBe(0);
    // The entries behind it, text as text, for package.ts to take without unzipping.
    const held = handedOverEntries(stored.buffer) ?? {};
    expect(held['a.xml']).toBe('<a>é “quoted” 😀</a>');
    expect(
      Object.entries(held)
        .map(([n, b]): [string, string] => [n, Buffer.from(b).toString('hex')])
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    ).toEqual(own);
  });
  it('leaves JSZip its own generator outside a write and for what it does not handle', async () => {
    const before = JSZip.prototype.generateAsync;
    const one = new JSZip().file('a.xml', '<a/>'.repeat(100));
    const deflated = await withStoredHandover(() =>
      one.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
    );
    expect(deflated.readUInt16LE(8)).toBe(8);
    expect(JSZip.prototype.generateAsync).toBe(before);
  });
});
