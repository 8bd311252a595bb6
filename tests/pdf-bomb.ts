/** Hand-made hostile PDFs for the stream caps (issue 31, item 9). */
import { constants, deflateRawSync } from 'node:zlib';

const MiB = 1024 * 1024;

/**
 * A zlib stream of `mib` MiB of spaces, made without holding them: a full flush makes every
 * 1 MiB chunk compress to the same bytes, so one compressed chunk is repeated.
 */
export function spacesBomb(mib: number): Buffer {
  const chunk = deflateRawSync(Buffer.alloc(MiB, 0x20), { finishFlush: constants.Z_FULL_FLUSH });
  const n = BigInt(mib * MiB);
  const a = (1n + 32n * n) % 65521n;
  const b = (n + (32n * n * (n + 1n)) / 2n) % 65521n;
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(Number((b << 16n) | a));
  const last = deflateRawSync(Buffer.alloc(0)); // the final, empty block
  return Buffer.concat([Buffer.from([0x78, 0x9c]), ...Array(mib).fill(chunk), last, adler]);
}

/**
 * A one-page PDF carrying `stream` as its attached bulletin-sources.json, its stream
 * dictionary holding `filter` (FlateDecode unless told).
 */
export function pdfWithAttachment(stream: Buffer, filter = '/Filter /FlateDecode'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names ' +
      '[(bulletin-sources.json) 4 0 R] >> >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    '<< /Type /Filespec /F (bulletin-sources.json) /UF (bulletin-sources.json) ' +
      '/EF << /F 5 0 R >> >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  const offsets: number[] = [];
  const size = () => parts.reduce((s, p) => s + p.length, 0);
  objects.forEach((o, i) => {
    offsets.push(size());
    parts.push(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`));
  });
  offsets.push(size());
  parts.push(
    Buffer.from(`5 0 obj\n<< /Type /EmbeddedFile /Length ${stream.length} ${filter} >>\nstream\n`),
    stream,
    Buffer.from('\nendstream\nendobj\n'),
  );
  const xref = size();
  const rows = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(
    Buffer.from(
      `xref\n0 6\n0000000000 65535 f \n${rows}trailer\n<< /Size 6 /Root 1 0 R >>\n` +
        `startxref\n${xref}\n%%EOF\n`,
    ),
  );
  return Buffer.concat(parts);
}
