/**
 * `npm run bench`: the speed targets of issue 16 as ratios measured in one run, so that a busy
 * machine slows both sides of each ratio alike. Every case is a new process, as a user or CI
 * runs it, and the cases are interleaved round by round:
 *
 * - full default build vs the peer route (pandoc decks + DOCX, LibreOffice PDF; bench/peer.mjs,
 *   tools from bench/setup.sh)
 * - no-op rebuild vs `node -e 0`
 * - N synthetic partners vs 4 (bench/generate.mjs), ms per extra partner, peak RSS; each extra
 *   partner against pandoc writing one deck
 * - `--only pdf` vs the Typst anchor (bench/typst-anchor.mjs: the same text, charts and fonts
 *   set by Typst, tagged PDF/UA-1; installed by bench/setup.sh)
 * - with `--base <checkout>` (a compiled older checkout), every bulletin case also for it: the
 *   before/after table, paired in the same run.
 *
 * Medians with min–max and N; peak RSS from /usr/bin/time -v. Writes bench/results.json.
 *
 *   node bench/run.mjs [--base <checkout>] [--repeats 5] [--scale 4,100] [--scale-repeats 3]
 *                      [--results <file>] [--no-peer]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDataset, writeDataset } from './generate.mjs';
import { peerCommand, writePeerSources } from './peer.mjs';
import { hasTypst, prepare as prepareTypst } from './typst-anchor.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const ROOT = path.resolve(HERE, '..');
const BASE = arg('--base') ? path.resolve(arg('--base')) : undefined;
const RESULTS = path.resolve(arg('--results', path.join(HERE, 'results.json')));
const REPEATS = Number(arg('--repeats', '5'));
const SCALE = arg('--scale', '4,100').split(',').map(Number);
const SCALE_REPEATS = Number(arg('--scale-repeats', '3'));
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const hasPeer =
  !process.argv.includes('--no-peer') &&
  ['pandoc', 'soffice'].every((t) => spawnSync('which', [t]).status === 0);
if (!hasPeer && !process.argv.includes('--no-peer'))
  console.error('bench: pandoc or soffice missing (run bench/setup.sh); skipping the peer route');

const tmp = mkdtempSync(path.join(tmpdir(), 'bulletin-bench-'));
const roots = { after: ROOT, ...(BASE ? { before: BASE } : {}) };

/** Runs a command once: wall ms, peak RSS in MB (largest process), and an error line if it failed. */
function timed(cmd, args, cwd) {
  const [file, argv] = TIME ? [TIME, ['-v', cmd, ...args]] : [cmd, args];
  const t = performance.now();
  const r = spawnSync(file, argv, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '' },
  });
  const ms = performance.now() - t;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  // CPU seconds (user + system) of the process and its children: steadier than wall time on a
  // shared machine, and what a second core cannot hide.
  const cpu = ['User', 'System'].map((k) =>
    Number(new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(r.stderr ?? '')?.[1] ?? NaN),
  );
  const error =
    r.status === 0
      ? undefined
      : ((r.stderr || r.stdout).split('\n').find((l) => l.trim() && !l.startsWith('\t')) ??
        `exit ${r.status}`);
  return {
    ms,
    cpuMs: (cpu[0] + cpu[1]) * 1000,
    rssMb: rss ? Number(rss[1]) / 1024 : undefined,
    error,
  };
}
const cli = (root, args) =>
  timed(process.execPath, [path.join(root, 'dist/cli/bin.js'), ...args], root);

const stats = (runs) => {
  const xs = runs.map((r) => r.ms).sort((a, b) => a - b);
  const mid = xs.length >> 1;
  const err = runs.find((r) => r.error)?.error;
  return {
    median: xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2,
    min: xs[0],
    max: xs[xs.length - 1],
    runs: xs.length,
    cpuMedian: (() => {
      const c = runs.map((r) => r.cpuMs).sort((a, b) => a - b);
      return c.length % 2 ? c[mid] : (c[mid - 1] + c[mid]) / 2;
    })(),
    peakRssMb: Math.max(...runs.map((r) => r.rssMb ?? 0)) || undefined,
    ...(err ? { error: err } : {}),
  };
};

// Cases, each a function that runs once. Interleaved: round r runs every case once.
const cases = {};
const add = (name, fn) => {
  cases[name] = { fn, runs: [] };
};
let peer;
if (hasPeer) {
  const dir = path.join(tmp, 'peer');
  const dataset = JSON.parse(readFileSync(path.join(ROOT, 'data/bulletin.json'), 'utf8'));
  const partners = writePeerSources(dataset, dir);
  const profile = path.join(tmp, 'lo-profile');
  peer = peerCommand(dir, partners, profile);
  execFileSync('sh', ['-c', peer], { stdio: 'ignore' }); // first run makes LibreOffice's profile
  add('peer route', () => timed('sh', ['-c', peer], dir));
  const one = `pandoc ${partners[0]}.md -o one.pptx`;
  add('pandoc, one deck', () => timed('sh', ['-c', one], dir));
}
if (hasTypst()) {
  const src = path.join(tmp, 'anchor-source');
  const made = cli(ROOT, ['build', '--force', '--out', src]);
  if (made.error) throw new Error(`bench: the anchor's source build failed: ${made.error}`);
  const typDir = path.join(tmp, 'typst');
  prepareTypst(src, typDir);
  const anchor = [path.join(HERE, 'typst-anchor.mjs'), 'compile', typDir];
  add('typst anchor', () => timed(process.execPath, anchor, ROOT));
} else console.error('bench: the Typst compiler is missing (run bench/setup.sh); no PDF anchor');
add('node -e 0', () => timed(process.execPath, ['-e', '0'], ROOT));
for (const [tag, root] of Object.entries(roots)) {
  const out = path.join(tmp, `default-${tag}`);
  add(`full build (${tag})`, () => cli(root, ['build', '--force', '--out', out]));
  add(`no-op rebuild (${tag})`, () => cli(root, ['build', '--out', out]));
  const pdfOut = path.join(tmp, `pdf-${tag}`);
  add(`--only pdf (${tag})`, () =>
    cli(root, ['build', '--force', '--only', 'pdf', '--out', pdfOut]),
  );
}
// The load before the first case and after the last: another process on the machine slows
// both sides of a ratio alike, but it does show in the absolute figures.
const loadBefore = loadavg();
const started = performance.now();
for (let r = 0; r < REPEATS; r++) {
  for (const c of Object.values(cases)) c.runs.push(c.fn());
  process.stderr.write(`  round ${r + 1}/${REPEATS}\n`);
}
const scale = {};
for (const n of SCALE) {
  const data = n === 4 ? path.join(ROOT, 'data/bulletin.json') : path.join(tmp, `data-${n}.json`);
  if (n !== 4) writeDataset(n, data);
  for (const tag of Object.keys(roots)) scale[`${n}:${tag}`] = [];
}
for (let r = 0; r < SCALE_REPEATS; r++) {
  for (const n of SCALE) {
    const data = n === 4 ? 'data/bulletin.json' : path.join(tmp, `data-${n}.json`);
    for (const [tag, root] of Object.entries(roots)) {
      const out = path.join(tmp, `scale-${n}-${tag}`);
      scale[`${n}:${tag}`].push(cli(root, ['build', '--force', '--data', data, '--out', out]));
    }
    // What the chart files cost: the same build asked for every format but them.
    const bare = path.join(tmp, `scale-${n}-bare`);
    const only = ['--only', 'pdf', 'html', 'decks'];
    (scale[`${n}:no chart files`] ??= []).push(
      cli(ROOT, ['build', '--force', '--data', data, '--out', bare, ...only]),
    );
    process.stderr.write(`  scale ${n}, round ${r + 1}/${SCALE_REPEATS}\n`);
  }
}

const results = {
  cores: cpus().length,
  node: process.version,
  date: new Date().toISOString(),
  after: ROOT,
  before: BASE,
  partners: generateDataset(4).partners.length,
  loadAverage: { before: loadBefore, after: loadavg() },
  cases: Object.fromEntries(Object.entries(cases).map(([k, c]) => [k, stats(c.runs)])),
  scale: Object.fromEntries(Object.entries(scale).map(([k, runs]) => [k, stats(runs)])),
  ratios: {},
};
const C = results.cases;
const S = results.scale;
const ratio = (a, b) => (a && b && !a.error && !b.error ? a.median / b.median : undefined);
const cpuRatio = (a, b) => (a && b && !a.error && !b.error ? a.cpuMedian / b.cpuMedian : undefined);
const [lo, hi] = [SCALE[0], SCALE[SCALE.length - 1]];
for (const tag of Object.keys(roots)) {
  results.ratios[tag] = {
    'peer route / full build (speed-up)': ratio(C['peer route'], C[`full build (${tag})`]),
    'same, CPU time': cpuRatio(C['peer route'], C[`full build (${tag})`]),
    'no-op / node -e 0': ratio(C[`no-op rebuild (${tag})`], C['node -e 0']),
    'same, CPU time ': cpuRatio(C[`no-op rebuild (${tag})`], C['node -e 0']),
    [`${hi} partners / ${lo}`]: ratio(S[`${hi}:${tag}`], S[`${lo}:${tag}`]),
    [`${hi} partners / ${lo}, CPU time`]: cpuRatio(S[`${hi}:${tag}`], S[`${lo}:${tag}`]),
    [`ms per extra partner (${lo}→${hi})`]:
      S[`${hi}:${tag}`] && S[`${lo}:${tag}`]
        ? (S[`${hi}:${tag}`].median - S[`${lo}:${tag}`].median) / (hi - lo)
        : undefined,
    [`peak RSS MB at ${hi} partners`]: S[`${hi}:${tag}`]?.peakRssMb,
    ...(tag === 'after' && S[`${hi}:no chart files`] && S[`${lo}:no chart files`]
      ? {
          [`ms per extra partner, no chart files (${lo}→${hi})`]:
            (S[`${hi}:no chart files`].median - S[`${lo}:no chart files`].median) / (hi - lo),
        }
      : {}),
    'extra partner / pandoc one deck':
      S[`${hi}:${tag}`] &&
      S[`${lo}:${tag}`] &&
      C['pandoc, one deck'] &&
      !C['pandoc, one deck'].error
        ? (S[`${hi}:${tag}`].median - S[`${lo}:${tag}`].median) /
          (hi - lo) /
          C['pandoc, one deck'].median
        : undefined,
    '--only pdf / typst anchor': ratio(C[`--only pdf (${tag})`], C['typst anchor']),
    'same, CPU time  ': cpuRatio(C[`--only pdf (${tag})`], C['typst anchor']),
  };
}
if (BASE)
  results.ratios['before / after'] = Object.fromEntries(
    [
      ['full build', C['full build (before)'], C['full build (after)']],
      ['no-op rebuild', C['no-op rebuild (before)'], C['no-op rebuild (after)']],
      ...SCALE.map((n) => [`${n} partners`, S[`${n}:before`], S[`${n}:after`]]),
    ].map(([k, b, a]) => [k, { wall: ratio(b, a), cpu: cpuRatio(b, a) }]),
  );
results.totalSeconds = (performance.now() - started) / 1000;
rmSync(tmp, { recursive: true, force: true });

const f = (x, d = 0) => (x === undefined ? '-' : x.toFixed(d));
const row = (name, r) =>
  `${name.padEnd(30)} ${f(r.median).padStart(7)} ${`${f(r.min)}–${f(r.max)}`.padStart(13)} ${String(r.runs).padStart(3)} ${f(r.cpuMedian).padStart(7)} ${f(r.peakRssMb).padStart(7)}  ${r.error ?? ''}`;
console.log(
  `${'case (ms)'.padEnd(30)} ${'median'.padStart(7)} ${'min–max'.padStart(13)} ${'N'.padStart(3)} ${'CPU ms'.padStart(7)} ${'RSS MB'.padStart(7)}`,
);
for (const [k, r] of Object.entries(C)) console.log(row(k, r));
for (const [k, r] of Object.entries(S)) {
  const [n, tag] = k.split(':');
  console.log(row(`${n} partners (${tag})`, r));
}
for (const [tag, rs] of Object.entries(results.ratios)) {
  console.log(`${tag}:`);
  for (const [k, v] of Object.entries(rs))
    console.log(
      `  ${k.padEnd(40)} ${typeof v === 'object' ? `wall ${f(v.wall, 2)}, CPU ${f(v.cpu, 2)}` : f(v, 2)}`,
    );
}
// Issue 33's targets, each against this run's own figures (wall-time medians).
const A = results.ratios.after ?? {};
const TARGETS = [
  ['peer route ÷ full build', A['peer route / full build (speed-up)'], '≥', 2.0],
  ['no-op rebuild ÷ node -e 0', A['no-op / node -e 0'], '≤', 2.0],
  ['extra partner ÷ pandoc one deck', A['extra partner / pandoc one deck'], '≤', 0.4],
  ['--only pdf ÷ Typst anchor', A['--only pdf / typst anchor'], '≤', 3.0],
  [`peak RSS MB at ${hi} partners`, A[`peak RSS MB at ${hi} partners`], '≤', 300],
];
results.targets = TARGETS.map(([name, value, op, target]) => ({
  name,
  value,
  target: `${op} ${target}`,
  met: value === undefined ? undefined : op === '≥' ? value >= target : value <= target,
}));
console.log('targets (issue 33):');
for (const t of results.targets)
  console.log(
    `  ${t.name.padEnd(40)} ${f(t.value, 2).padStart(7)}  target ${t.target.padEnd(7)} ` +
      (t.met === undefined ? 'not measured' : t.met ? 'met' : 'NOT met'),
  );
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
console.log(
  `bench took ${f(results.totalSeconds)} s on ${results.cores} cores (load average ` +
    `${f(loadBefore[0], 2)} before, ${f(results.loadAverage.after[0], 2)} after); ` +
    path.relative(process.cwd(), RESULTS),
);
