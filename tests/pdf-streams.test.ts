/**
 * The stream caps `diff` and `verify` apply before pdf.js reads a PDF (issue 31, item 9):
 * streams over the cap, Flate inside Flate, streams zlib cannot check, and decoders or
 * structures whose output cannot be bounded beforehand are refused; bulletin's own PDFs pass.
 */
import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { InputError } from '../src/errors.js';
import { assertPdfStreamsBounded } from '../src/load/pdf-streams.js';
import { pdfWithAttachment, spacesBomb } from './pdf-bomb.js';

const refusal = (pdf: Buffer): string => {
  try {
    assertPdfStreamsBounded('x/bulletin.pdf', pdf);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).message;
  }
  return '';
};

describe('assertPdfStreamsBounded', () => {
  it('passes a small attachment', () => {
    expect(refusal(pdfWithAttachment(deflateSync('{"facts": []}')))).toBe('');
  });

  it('passes 64 MiB exactly and refuses 65 MiB, naming the file and the cap', () => {
    expect(refusal(pdfWithAttachment(spacesBomb(64)))).toBe('');
    expect(refusal(pdfWithAttachment(spacesBomb(65)))).toMatch(
      /^x\/bulletin\.pdf: its embedded stream at byte \d+ inflates past 64 MiB/,
    );
  });

  it('refuses a bomb wrapped in a second FlateDecode layer', () => {
    const twice = deflateSync(spacesBomb(100));
    const pdf = pdfWithAttachment(twice, '/Filter [/FlateDecode /FlateDecode]');
    expect(refusal(pdf)).toMatch(/inflates past 64 MiB/);
  });

  it('refuses streams that together inflate past 256 MiB', () => {
    const one = pdfWithAttachment(spacesBomb(60)).toString('latin1');
    // Five 60 MiB streams: each under the stream cap, together over the total.
    const five = Buffer.from(
      one.replace(/stream\n[^]*endstream/, (s) => s.repeat(5)),
      'latin1',
    );
    expect(refusal(five)).toMatch(/streams together inflate past 256 MiB/);
  });

  it('refuses a Flate stream zlib cannot inflate cleanly (pdf.js might read it anyway)', () => {
    const bad = deflateSync('{"facts": []}');
    bad[4] ^= 0xff;
    expect(refusal(pdfWithAttachment(bad))).toMatch(/does not inflate cleanly/);
  });

  it.each([
    ['/Filter /LZWDecode', 'LZWDecode'],
    ['/Filter [/AHx /FlateDecode]', 'AHx'],
    ['/F /RL', 'RL'],
    ['/Filter /L#5AW', 'LZW'],
    ['/Filter /BrotliDecode', 'BrotliDecode'],
  ])('refuses %s, a decoder whose output cannot be bounded beforehand', (filter, name) => {
    const pdf = pdfWithAttachment(Buffer.from('not zlib'), filter);
    expect(refusal(pdf)).toContain(`it uses /${name} (at byte`);
  });

  it('refuses an encrypted PDF, whose Flate data this check cannot see', () => {
    const pdf = Buffer.from(
      pdfWithAttachment(deflateSync('{}'))
        .toString('latin1')
        .replace('/Size 6', '/Size 6 /Encrypt 9 0 R'),
      'latin1',
    );
    expect(refusal(pdf)).toMatch(/its trailer holds \/Encrypt|it uses \/Encrypt/);
  });

  it('does not read names inside compressed data as names', () => {
    // Stored (level 0), "/LZW " is in the file byte for byte, but inside Flate data.
    expect(
      refusal(pdfWithAttachment(deflateSync('{"url": "https://x.org/LZW "}', { level: 0 }))),
    ).toBe('');
  });

  it('refuses an object hidden in a stored deflate block, where names are not looked for', () => {
    const hidden = deflateSync('9 0 obj << /Filter /LZWDecode >> stream\nx', { level: 0 });
    expect(refusal(pdfWithAttachment(hidden))).toMatch(/holds PDF objects in plain text/);
  });

  it('refuses an xref entry inside compressed data, and a startxref to no xref table', () => {
    const pdf = pdfWithAttachment(deflateSync('{}')).toString('latin1');
    const data = pdf.indexOf('stream\n') + 'stream\n'.length;
    // Object 5's entry (the last) moved to a byte inside its own compressed data.
    const moved = pdf.replace(
      /\d{10}( 00000 n \n)(?=trailer)/,
      `${String(data + 2).padStart(10, '0')}$1`,
    );
    expect(refusal(Buffer.from(moved, 'latin1'))).toMatch(/object at byte \d+, inside compressed/);
    const elsewhere = pdf.replace(/startxref\n\d+/, 'startxref\n9');
    expect(refusal(Buffer.from(elsewhere, 'latin1'))).toMatch(/which is no classic xref table/);
  });

  it('refuses a trailer pointing at an earlier table (/Prev), which could be a stream', () => {
    const pdf = pdfWithAttachment(deflateSync('{}')).toString('latin1');
    const prev = Buffer.from(pdf.replace('/Size 6', '/Size 6 /Prev 9'), 'latin1');
    expect(refusal(prev)).toContain('its trailer holds /Prev');
  });
});
