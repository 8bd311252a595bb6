// Builds the seed's bulletin with part of its prose (about 40%-100% of the printed text) and prints how each fitted:
// node bench/volume.mjs [out-dir]. Used to look at the pages after a layout change.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { shortenProse } from '../tests/volume.mjs';

const { run } = await import('../dist/cli/run.js');
const outRoot = process.argv[2] ?? mkdtempSync(path.join(tmpdir(), 'volume-'));
for (const share of [0.15, 0.35, 0.5, 0.75, 1]) {
  const dir = path.join(outRoot, String(Math.round(share * 100)));
  const templates = path.join(dir, 'templates');
  cpSync('templates', templates, { recursive: true });
  shortenProse(templates, share);
  let err = '';
  const code = await run(
    ['build', '--out', path.join(dir, 'out'), '--only', 'pdf', '--templates', templates],
    {
      out: () => {},
      err: (t) => (err += `${t}\n`),
      env: {},
    },
  );
  const fit = JSON.parse(readFileSync(path.join(dir, 'out', 'manifest.json'), 'utf8')).artifacts[0]
    .fit;
  const warned = /W_FIT_SHORT|too short to fill/.test(err);
  console.log(
    `${Math.round(share * 100)}%: exit ${code}, fit ${JSON.stringify(fit)}${warned ? ', warned short' : ''}`,
  );
}
console.log(`pages in ${outRoot}/<share>/out/bulletin.pdf`);
