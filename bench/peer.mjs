/**
 * The peer route a user could take instead of bulletin: the same dataset written out as
 * Markdown, pandoc making a deck per partner and a DOCX of the bulletin, LibreOffice turning
 * the DOCX into the PDF. It does far less (no fitting, no charts, no checks), but it is what a
 * user would time us against. `writePeerSources` writes the Markdown; `peerCommand` is the
 * shell command the benchmark times as one cold run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const fmt = (m) =>
  m.amount !== undefined
    ? `${m.currency ?? ''}${m.amount.toLocaleString('en-US')}`
    : m.quantity
      ? `${m.quantity.value.toLocaleString('en-US')} ${m.quantity.unit}`
      : (m.what ?? m.type);

/** Writes bulletin.md and one <partner>.md per deck partner into `dir`; returns the partner ids. */
export function writePeerSources(dataset, dir) {
  mkdirSync(dir, { recursive: true });
  const decks = dataset.partners.filter((p) => p.role === 'asia-pacific-partner' || p.deck);
  const measures = (id) => dataset.measures.filter((m) => m.partner === id);
  const body = [
    `# ${dataset.bulletin?.title ?? 'Bulletin'}`,
    '',
    ...decks.flatMap((p) => [
      `## ${p.name}`,
      '',
      ...measures(p.id).map((m) => `- ${m.type} (${m.date ?? m.asOf ?? 'undated'}): ${fmt(m)}`),
      '',
    ]),
  ];
  writeFileSync(path.join(dir, 'bulletin.md'), `${body.join('\n')}\n`);
  for (const p of decks) {
    const slides = [
      `# ${p.name}`,
      '',
      `Partner since ${p.partnerSince?.date ?? '—'}`,
      '',
      '# Measures',
      '',
      ...measures(p.id).map((m) => `- ${m.type}: ${fmt(m)}`),
      '',
    ];
    writeFileSync(path.join(dir, `${p.id}.md`), `${slides.join('\n')}\n`);
  }
  return decks.map((p) => p.id);
}

/** One shell command: pandoc for every deck and the DOCX, then LibreOffice for the PDF. */
export function peerCommand(dir, partners, loProfile) {
  const q = (s) => `'${s.replaceAll("'", "'\\''")}'`;
  const decks = partners.map((id) => `pandoc ${q(`${id}.md`)} -o ${q(`${id}.pptx`)}`);
  return [
    `cd ${q(dir)}`,
    ...decks,
    'pandoc bulletin.md -o bulletin.docx',
    `soffice -env:UserInstallation=file://${loProfile} --headless --convert-to pdf bulletin.docx >/dev/null`,
  ].join(' && ');
}
