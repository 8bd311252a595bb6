import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ZipFiles, zipSync } from '../src/compose/pptx/zip.js';

const clock = new Date('2022-04-19T10:31:07Z');
const text = (s: string) => new TextEncoder().encode(s);
const entries = [
  { name: '[Content_Types].xml', bytes: text('<Types>'.repeat(200)) },
  { name: 'ppt/media/tiny.bin', bytes: new Uint8Array([1, 2, 3]) },
  { name: 'ppt/notes/café.xml', bytes: text('naïve ✓') },
];

describe('zipSync', () => {
  it('writes entries that read back whole, in order, with the clock as their date', async () => {
    const zip = await JSZip.loadAsync(zipSync(entries, clock));
    expect(Object.keys(zip.files)).toEqual(entries.map((e) => e.name));
    for (const e of entries) {
      expect(await zip.file(e.name)!.async('uint8array')).toEqual(e.bytes);
      // DOS dates have 2-second steps.
      expect(zip.file(e.name)!.date.toISOString()).toBe('2022-04-19T10:31:06.000Z');
    }
  });

  it('gives the same bytes for the same entries and clock, other bytes for another clock', () => {
    const a = zipSync(entries, clock);
    expect(Buffer.compare(a, zipSync(entries, clock))).toBe(0);
    expect(Buffer.compare(a, zipSync(entries, new Date('2023-01-01T00:00:00Z')))).not.toBe(0);
  });

  it('clamps a clock before 1980 (a dataset with no dates builds at the epoch) to 1980', async () => {
    const zip = await JSZip.loadAsync(zipSync(entries, new Date(0)));
    expect(zip.file(entries[0]!.name)!.date.toISOString()).toBe('1980-01-01T00:00:00.000Z');
  });

  it('deflates what shrinks and stores what would not', () => {
    const z = zipSync(entries, clock);
    // Compression method of each local header (offset 8 from the signature).
    const methods: number[] = [];
    for (let i = z.indexOf('PK\x03\x04'); i >= 0; i = z.indexOf('PK\x03\x04', i + 4))
      methods.push(z.readUInt16LE(i + 8));
    expect(methods).toEqual([8, 0, 0]);
  });

  it('reads back through ZipFiles as JSZip would: text, bytes, edits and removals', async () => {
    const zip = new ZipFiles(zipSync(entries, clock));
    expect(Object.keys(zip.files)).toEqual(entries.map((e) => e.name));
    expect(await zip.file('ppt/notes/café.xml')!.async('string')).toBe('naïve ✓');
    expect(await zip.file('ppt/media/tiny.bin')!.async('uint8array')).toEqual(entries[1]!.bytes);
    zip.file('ppt/notes/café.xml', 'ça');
    expect(await zip.file('ppt/notes/café.xml')!.async('uint8array')).toEqual(text('ça'));
    zip.remove('ppt/media/tiny.bin');
    expect(zip.file('ppt/media/tiny.bin')).toBeNull();
    expect(Object.keys(zip.files)).toEqual(['[Content_Types].xml', 'ppt/notes/café.xml']);
  });
});
