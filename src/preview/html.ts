/**
 * The contact sheet: one static HTML page with the bulletin's pages and each partner's
 * slides, and the facts an editor checks before sending (sizes, counts, times, warnings).
 * No script and no outside resource, so it opens from the file system, offline, as is.
 */
import { esc } from '../compose/html/prose.js';
import type { Manifest, ManifestEntry } from '../output/manifest.js';
import type { BuildWarning } from '../warnings/index.js';

/** One partner's slides on the sheet. */
export interface SheetDeck {
  id: string;
  name: string;
  slides: { file: string; title: string; kind: string }[];
}

export interface SheetInput {
  manifest: Manifest;
  rebuilt: string[];
  warnings: BuildWarning[];
  /** Render time per output file (rebuilt files only). */
  times: Map<string, number>;
  buildMs: number;
  previewMs: number;
  /** Page PNG file names, in order. */
  pages: string[];
  decks: SheetDeck[];
}

const kb = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MB` : `${(n / 1024).toFixed(1)} KB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function facts(a: ManifestEntry | undefined, input: SheetInput): string {
  if (!a) return '';
  const count =
    a.pages !== undefined ? `${a.pages} pages` : a.slides !== undefined ? `${a.slides} slides` : '';
  const t = input.times.get(a.path);
  const when = input.rebuilt.includes(a.path)
    ? t !== undefined
      ? `built in ${sec(t)}`
      : 'rebuilt'
    : 'up to date';
  return (
    `<p class="facts">${esc(a.path)} · ` +
    `${[count, kb(a.bytes), when].filter(Boolean).join(' · ')}</p>`
  );
}

function thumb(file: string, alt: string, cls: string, caption: string): string {
  return (
    `<figure class="${cls}"><a href="${esc(file)}"><img src="${esc(file)}" alt="${esc(alt)}" ` +
    `loading="lazy"></a><figcaption>${esc(caption)}</figcaption></figure>`
  );
}

function artifactTable(input: SheetInput): string {
  const rows = [...input.manifest.artifacts]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((a) => {
      const t = input.times.get(a.path);
      const count =
        a.pages !== undefined
          ? `${a.pages} pages`
          : a.slides !== undefined
            ? `${a.slides} slides`
            : '';
      return (
        `<tr><td>${esc(a.path)}</td><td>${count}</td><td class="n">${kb(a.bytes)}</td><td ` +
        `class="n">${input.rebuilt.includes(a.path) ? (t !== undefined ? sec(t) : 'rebuilt') : 'up to date'}</td></tr>`
      );
    });
  return (
    `<details><summary>All ${input.manifest.artifacts.length} ` +
    `files</summary><table><thead><tr><th>file</th><th>pages/slides</th><th>size</th><th>time</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`
  );
}

export function contactSheet(input: SheetInput): string {
  const m = input.manifest;
  const byPath = new Map(m.artifacts.map((a) => [a.path, a]));
  const warn = input.warnings.length
    ? `<section class="warnings" id="warnings"><h2>${input.warnings.length} ` +
      `warning${input.warnings.length === 1 ? '' : 's'}</h2><ul>${input.warnings.map((w) => `<li><code>${esc(w.code)}</code> ${esc(w.message)}${w.where ? ` <span class="where">${esc(w.where)}</span>` : ''}</li>`).join('')}</ul></section>`
    : '<section class="warnings none" id="warnings"><h2>No warnings</h2></section>';
  const bulletin = input.pages.length
    ? `<section id="bulletin"><h2>Bulletin</h2>${facts(byPath.get('bulletin.pdf'), input)}<div ` +
      `class="pages">${input.pages.map((p, i) => thumb(p, `Bulletin page ${i + 1}`, 'page', `Page ${i + 1}`)).join('')}</div></section>`
    : '';
  // The web edition has no pages to draw: the sheet links the file itself.
  const web = byPath.has('bulletin.html')
    ? `<section id="web"><h2>Web edition</h2>${facts(byPath.get('bulletin.html'), input)}<p><a ` +
      `href="../bulletin.html">Open bulletin.html</a></p></section>`
    : '';
  const decks = input.decks
    .map(
      (d) =>
        `<section class="deck" ` +
        `id="deck-${esc(d.id)}"><h2>${esc(d.name)}</h2>${facts(byPath.get(`decks/${d.id}.pptx`), input)}<div class="slides">${d.slides.map((s, i) => thumb(s.file, `${d.name}, slide ${i + 1}: ${s.title}`, 'slide', `${i + 1}. ${s.title || s.kind}`)).join('')}</div></section>`,
    )
    .join('');
  const nav = [
    input.pages.length ? '<a href="#bulletin">Bulletin</a>' : '',
    ...input.decks.map((d) => `<a href="#deck-${esc(d.id)}">${esc(d.name)}</a>`),
    '<a href="#warnings">Warnings</a>',
  ]
    .filter(Boolean)
    .join(' ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview · ${esc(m.tool.name)} ${esc(m.buildDate.slice(0, 10))}</title>
<style>
:root { --ink: #1b1e23; --muted: #5a6370; --rule: #d5dbe1; --accent: #0b3c5d; --warn: #8a5a00; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #eef1f4; }
header { border-bottom: 2px solid var(--accent); margin-bottom: 16px; padding-bottom: 8px; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 4px; }
nav a { margin-right: 12px; color: var(--accent); }
.facts, .meta { color: var(--muted); margin: 0 0 10px; }
.pages, .slides { display: grid; gap: 16px; }
.pages { grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); }
.slides { grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); }
figure { margin: 0; }
figure img { display: block; width: 100%; height: auto; background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.25); }
figcaption { font-size: 12px; color: var(--muted); margin-top: 4px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.warnings { background: #fff8e6; border-left: 4px solid var(--warn); padding: 4px 16px 8px; }
.warnings.none { background: #eef8ee; border-left-color: #3b7d3b; }
.warnings ul { margin: 4px 0; padding-left: 18px; }
.where { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; margin-top: 8px; background: #fff; }
td, th { padding: 3px 10px; border-bottom: 1px solid var(--rule); text-align: left; font-size: 13px; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
</style>
</head>
<body>
<header>
<h1>Preview of the build</h1>
<p class="meta">Built ${esc(m.buildDate.slice(0, 10))} by ${esc(m.tool.name)} ${esc(m.tool.version)} · ${m.artifacts.length} files, ${input.rebuilt.length} rebuilt · build ${sec(input.buildMs)}, preview ${sec(input.previewMs)} · ${input.pages.length} pages, ${input.decks.reduce((n, d) => n + d.slides.length, 0)} slides</p>
<nav>${nav}</nav>
</header>
${warn}
${bulletin}
${web}
${decks}
<section id="files"><h2>Files</h2>${artifactTable(input)}</section>
</body>
</html>
`;
}
