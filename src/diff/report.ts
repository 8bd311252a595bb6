/**
 * The diff as a reader sees it: Markdown for a CI job summary, and an HTML page with the
 * before, after and difference image of every page or slide that changed. Pure: returns
 * the files; src/output writes them.
 */
import type { FactChange } from './facts.js';
import type { BuildDiff } from './index.js';

const MAX_VALUE = 80;

/** A value as one short line of text. */
function show(v: unknown): string {
  if (v === undefined) return '—';
  const s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

/**
 * Text from the folders compared (paths, ids, values, labels) as Markdown text: what makes
 * images, links, HTML, emphasis or a table cell escaped, so a manifest path like "![](x)"
 * is no image in a CI summary (issue 31), while a plain path reads as itself.
 */
const cell = (s: string) =>
  s
    .replace(/[\\`*[\]<>!|~]/g, '\\$&')
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\\.`)
    .replace(/\n/g, ' ');
/** Text inside a code span, which takes no escapes: a backtick would end it early. */
const code = (s: string) => `\`${s.replace(/`/g, "'").replace(/\n/g, ' ')}\``;

function factLines(f: FactChange): string[] {
  const head = `- **${cell(f.collection)} ${code(f.id)}** ${f.change}`;
  if (f.change !== 'changed') return [head];
  return [
    head,
    ...f.fields.map(
      (x) => `  - ${code(x.field)}: ${cell(show(x.before))} → ${cell(show(x.after))}`,
    ),
  ];
}

const pct = (share: number) =>
  share < 0.0001 ? 'under 0.01%' : `${(share * 100).toFixed(share < 0.01 ? 2 : 1)}%`;

/** The Markdown summary ($GITHUB_STEP_SUMMARY). */
export function diffMarkdown(d: BuildDiff, oldName: string, newName: string): string {
  const out = [`## Bulletin changes: ${cell(oldName)} → ${cell(newName)}`, ''];
  if (!d.changed)
    return [...out, 'Nothing changed: the same facts, files and pages.', ''].join('\n');
  out.push(`### Facts printed in the bulletin (${d.facts.length} changed)`, '');
  out.push(...(d.facts.length ? d.facts.flatMap(factLines) : ['No printed fact changed.']), '');
  out.push(`### Files (${d.files.length} changed)`, '');
  if (d.files.length) {
    out.push('| file | change |', '| --- | --- |');
    out.push(...d.files.map((f) => `| ${cell(f.path)} | ${f.change} |`));
  } else out.push('No file changed.');
  out.push('', `### Pages and slides that look different (${d.visuals.length})`, '');
  if (!d.previewsCompared)
    out.push('Not compared: build both folders with `--preview` to see pages and slides.');
  else if (d.visuals.length) {
    out.push('| page or slide | change | pixels changed |', '| --- | --- | --- |');
    out.push(
      ...d.visuals.map(
        (v) =>
          `| ${cell(v.label)} | ${v.change} | ${v.change === 'changed' ? pct(v.share) : '—'} |`,
      ),
    );
  } else out.push('No page or slide looks different.');
  return [...out, ''].join('\n');
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The HTML report and the images it shows, as files relative to the report folder. */
export function diffHtml(
  d: BuildDiff,
  oldName: string,
  newName: string,
): { path: string; bytes: Uint8Array }[] {
  const files: { path: string; bytes: Uint8Array }[] = [];
  const img = (dir: string, name: string, bytes: Uint8Array | undefined, alt: string) => {
    if (!bytes) return '<p class="none">none</p>';
    files.push({ path: `${dir}/${name}`, bytes });
    return `<img src="${esc(`${dir}/${name}`)}" alt="${esc(alt)}">`;
  };
  const facts = d.facts
    .map((f) => {
      const rows = f.fields
        .map(
          (x) =>
            `<tr><td><code>${esc(x.field)}</code></td><td>${esc(show(x.before))}</td><td>${esc(show(x.after))}</td></tr>`,
        )
        .join('');
      return (
        `<h3>${esc(f.collection)} <code>${esc(f.id)}</code>: ` +
        `${f.change}</h3><table><tr><th>field</th><th>before</th><th>after</th></tr>${rows}</table>`
      );
    })
    .join('\n');
  const fileRows = d.files
    .map((f) => `<tr><td>${esc(f.path)}</td><td>${f.change}</td></tr>`)
    .join('');
  const visuals = d.visuals
    .map(
      (
        v,
      ) => `<section><h3>${esc(v.label)}: ${v.change}${v.change === 'changed' ? `, ${pct(v.share)} of pixels` : ''}</h3>
<div class="row"><figure>${img('before', v.name, v.before, `${v.label} before`)}<figcaption>before</figcaption></figure>
<figure>${img('after', v.name, v.after, `${v.label} after`)}<figcaption>after</figcaption></figure>
<figure>${img('diff', v.name, v.diff, `${v.label}: changed pixels in red`)}<figcaption>difference (red)</figcaption></figure></div></section>`,
    )
    .join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bulletin changes: ${esc(oldName)} → ${esc(newName)}</title>
<style>body{font:15px/1.45 system-ui,sans-serif;margin:2rem;color:#1a1a1a}table{border-collapse:collapse;margin:.5rem 0 1rem}
td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}.row{display:flex;gap:1rem;flex-wrap:wrap}
figure{margin:0;flex:1 1 30%;min-width:240px}img{max-width:100%;border:1px solid #999}.none{color:#666}</style></head>
<body><h1>Bulletin changes</h1><p>${esc(oldName)} → ${esc(newName)}: ${d.changed ? `${d.facts.length} facts, ${d.files.length} files, ${d.visuals.length} pages or slides changed.` : 'nothing changed.'}</p>
<h2>Facts printed in the bulletin</h2>${facts || '<p>No printed fact changed.</p>'}
<h2>Files</h2>${fileRows ? `<table><tr><th>file</th><th>change</th></tr>${fileRows}</table>` : '<p>No file changed.</p>'}
<h2>Pages and slides</h2>${d.previewsCompared ? visuals || '<p>No page or slide looks different.</p>' : '<p>Not compared: build both folders with <code>--preview</code>.</p>'}
</body></html>
`;
  files.push({ path: 'index.html', bytes: new TextEncoder().encode(html) });
  return files;
}
