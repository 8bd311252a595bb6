/**
 * The Typst anchor for `--only pdf` (issue 33): the same two-page bulletin set by Typst 0.14
 * through @myriaddreamin/typst-ts-node-compiler, with our text, our three SVG charts and our
 * fonts, tagged and PDF/UA-1. It does less than we do (no fitting to two pages, no
 * hyphenation dictionary of ours, no provenance), and more in places (a real paragraph
 * optimiser), which is why it is an anchor, not a peer.
 *
 *   node bench/typst-anchor.mjs prepare <build output folder> <typst folder>
 *   node bench/typst-anchor.mjs compile <typst folder>     (one cold compile, as timed)
 *
 * The compiler is the bench's own tool, installed by bench/setup.sh into bench/.tools.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TOOLS = path.join(HERE, '.tools');
const FONTS = path.join(HERE, '..', 'templates', 'theme', 'fonts');
const CHARTS = ['aid-by-partner', 'first-measures', 'oil-releases'];

/** True when bench/setup.sh has installed the compiler. */
export function hasTypst() {
  return existsSync(path.join(TOOLS, 'node_modules', '@myriaddreamin', 'typst-ts-node-compiler'));
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: '\u00a0', shy: '' };
const decode = (s) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([\da-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&(\w+);/g, (m, n) => ENTITIES[n] ?? m)
    .replace(/\s+/g, ' ')
    .trim();
/** Typst markup escapes for plain text. */
const typ = (s) => s.replace(/[\\#$*_`<>@[\]=~/-]/g, (c) => `\\${c}`);

/** The web edition's headings and paragraphs, in order: the words our PDF prints. */
function blocksOf(html) {
  const body = html.slice(html.indexOf('<h1'));
  const blocks = [];
  for (const m of body.matchAll(/<(h1|h2|p|li)\b[^>]*>([\s\S]*?)<\/\1>/g)) {
    const text = decode(m[2]);
    if (text) blocks.push({ tag: m[1], text });
  }
  return blocks;
}

/** Writes main.typ and copies the charts beside it. */
export function prepare(outDir, typDir) {
  mkdirSync(typDir, { recursive: true });
  const blocks = blocksOf(readFileSync(path.join(outDir, 'bulletin.html'), 'utf8'));
  for (const c of CHARTS)
    copyFileSync(path.join(outDir, 'charts', `${c}.svg`), path.join(typDir, `${c}.svg`));
  const [title, ...rest] = blocks;
  const lines = [
    '#set document(title: "Bulletin", author: "bench")',
    '#set page(paper: "us-letter", margin: (x: 0.75in, y: 0.7in), columns: 2)',
    '#set text(font: "Source Serif 4", size: 9.5pt, lang: "en")',
    '#set par(justify: true, leading: 0.55em)',
    '#show heading: set text(font: "Source Sans 3", size: 10pt, fill: rgb("#1f4e79"))',
    '#show heading.where(level: 1): set text(size: 22pt, weight: "semibold", fill: black)',
    `#place(top, scope: "parent", float: true)[= ${typ(title.text)}]`,
    ...rest.map((b) =>
      b.tag === 'h2' ? `== ${typ(b.text)}` : b.tag === 'li' ? `- ${typ(b.text)}` : typ(b.text),
    ),
    ...CHARTS.map((c) => `#figure(image("${c}.svg", width: 100%, alt: "${c}"), caption: [${c}])`),
  ];
  writeFileSync(path.join(typDir, 'main.typ'), `${lines.join('\n\n')}\n`);
}

/** One compile to PDF/UA-1, tagged; returns the PDF's bytes. */
export function compile(typDir) {
  const require = createRequire(path.join(TOOLS, 'package.json'));
  const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
  const compiler = NodeCompiler.create({ workspace: typDir, fontArgs: [{ fontPaths: [FONTS] }] });
  const pdf = compiler.pdf(
    { mainFilePath: path.join(typDir, 'main.typ') },
    { pdfStandard: 'ua-1', pdfTags: true, creationTimestamp: 0 },
  );
  writeFileSync(path.join(typDir, 'main.pdf'), pdf);
  return pdf;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [cmd, a, b] = process.argv.slice(2);
  if (cmd === 'prepare') prepare(a, b);
  else if (cmd === 'compile') compile(a);
  else {
    console.error('usage: typst-anchor.mjs prepare <out> <dir> | compile <dir>');
    process.exit(1);
  }
}
