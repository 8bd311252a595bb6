// The mutations issues 29 and 31 name, each applied to the source alone, the command rebuilt,
// and the test that claims to catch it run: every one must fail. Run by hand before a stop
// (about a minute per mutation; not part of npm test): `node bench/mutation/named.mjs`, or
// `node bench/mutation/named.mjs footer` for the mutations whose name contains "footer".
// Each source file is restored after its run, and the command rebuilt once at the end.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const MUTATIONS = [
  {
    name: 'output confinement by a plain prefix (out/decks → out-old)',
    file: 'src/output/write.ts',
    from: 'p === root || p.startsWith(root + path.sep)',
    to: 'p === root || p.startsWith(root)',
    tests: ['tests/hardening-folders.test.ts'],
  },
  {
    name: 'template graft keeps the body placeholder idx the template lacks',
    file: 'src/compose/pptx/template/graft.ts',
    from: 'xml.replace(/<p:ph\\s[^>]*type="body"[^>]*\\/>/g, p.bodyPh)',
    to: 'xml',
    tests: ['tests/hardening-deck-template.test.ts'],
  },
  {
    name: 'web edition: "<" left raw in the embedded provenance JSON',
    file: 'src/compose/html/provenance.ts',
    from: "json.trimEnd().replace(/</g, '\\\\u003c')",
    to: 'json.trimEnd()',
    tests: ['tests/hardening-data-text.test.ts'],
  },
  {
    name: 'web edition: a source title printed unescaped',
    file: 'src/compose/html/render.ts',
    from: '<a href="${esc(href)}"><cite>${esc(s.title)}</cite></a>',
    to: '<a href="${esc(href)}"><cite>${s.title}</cite></a>',
    tests: ['tests/hardening-data-text.test.ts', 'tests/html.test.ts'],
  },
  {
    name: 'Markdown in data takes effect (a partner named as a link)',
    file: 'src/template/data-marks.ts',
    from: "data.replace(/[!-/:-@[-`{-~]/g, '\\\\$&')",
    to: 'data',
    tests: ['tests/hardening-data-text.test.ts'],
  },
  {
    name: 'the PDF fit drops the line after a column break',
    file: 'src/compose/pdf/flow.ts',
    from: '      if (mustBreak) nextFrame();',
    to: '      if (mustBreak) { nextFrame(); if (li > 0) continue; }',
    tests: ['tests/pdf-lines.test.ts'],
  },
  {
    name: 'the PDF footer reads "0 of 2"',
    file: 'src/compose/pdf/paint.ts',
    from: 'const label = `${page + 1} of 2`;',
    to: 'const label = `${page} of 2`;',
    tests: ['tests/pdf-lines.test.ts'],
  },
  {
    name: 'diff and verify inflate a PDF stream without a cap',
    file: 'src/load/pdf-streams.ts',
    from: 'maxOutputLength: limit,',
    to: 'maxOutputLength: 2 ** 31,',
    tests: ['tests/hardening-pdf-bomb.test.ts', 'tests/pdf-streams.test.ts'],
  },
  {
    name: 'a FIFO in the templates folder is skipped',
    file: 'src/load/files.ts',
    from: 'const odd = entries.find((e) => !e.isFile() && !e.isDirectory());',
    to: 'const odd = entries.find(() => false);',
    tests: ['tests/templates-fifo.test.ts'],
  },
  {
    name: 'money drops a measure’s stage by default',
    file: 'src/template/register-filters.ts',
    from: "const text = noStage ? figure : withStage(figure, m.stage ?? '');",
    to: 'const text = noStage ? figure : figure;',
    tests: ['tests/stage-asides.test.ts'],
  },
  {
    name: 'a largest total’s split by category is not recorded',
    file: 'src/model/claims/evaluate.ts',
    from: '...(q.split ? splitResult(d, top.facts) : {}),',
    to: '',
    tests: ['tests/verify-claims.test.ts'],
  },
  {
    name: 'an as-of date is the latest on a timeline',
    file: 'src/model/claims/derive.ts',
    from: 'latest: last.onOrBefore !== true,',
    to: 'latest: true,',
    tests: ['tests/timeline-edges.test.ts'],
  },
];

const only = process.argv[2];
const compile = () =>
  execFileSync(
    'sh',
    ['-c', 'npx tsc -p tsconfig.json && node .ci/bundle.mjs && node .ci/postbuild.mjs'],
    {
      stdio: 'inherit',
    },
  );

const rows = [];
try {
  for (const m of MUTATIONS.filter((x) => !only || x.name.includes(only))) {
    const original = readFileSync(m.file, 'utf8');
    if (original.split(m.from).length !== 2) {
      rows.push([m.name, 'NOT APPLIED: the code it mutates has changed']);
      continue;
    }
    writeFileSync(m.file, original.replace(m.from, m.to));
    try {
      compile();
      const r = spawnSync('npx', ['vitest', 'run', ...m.tests, '--testTimeout', '120000'], {
        encoding: 'utf8',
      });
      const failed = /(\d+) failed/.exec(r.stdout)?.[1];
      rows.push([m.name, r.status !== 0 ? `caught (${failed ?? '?'} failed)` : 'SURVIVED']);
    } catch (e) {
      rows.push([m.name, `does not compile: ${String(e).slice(0, 80)}`]);
    } finally {
      writeFileSync(m.file, original);
    }
  }
} finally {
  compile();
}
for (const [name, result] of rows) console.log(`${result.padEnd(24)} ${name}`);
process.exitCode = rows.every(([, r]) => r.startsWith('caught')) ? 0 : 1;
