/**
 * `npm run bench`: how long a build takes and how much memory it needs, as medians of repeated
 * runs (with min and max). Cold builds and no-op rebuilds are new processes, as a user or CI
 * runs them; the warm build calls build() again in one process. The scale curve builds the
 * synthetic datasets of bench/generate.mjs. Peak RSS comes from /usr/bin/time -v (or
 * process.resourceUsage() in the child when it is missing). Writes bench/results.json.
 *
 *   node bench/run.mjs [--root <checkout>] [--results <file>] [--quick] [--max <partners>]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDataset } from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const ROOT = path.resolve(arg('--root', path.join(HERE, '..')));
const RESULTS = path.resolve(arg('--results', path.join(HERE, 'results.json')));
const QUICK = process.argv.includes('--quick');
const BIN = path.join(ROOT, 'dist/cli/bin.js');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const REPEATS = QUICK ? 2 : 5;
const MAX = Number(arg('--max', '500'));
const SCALE = [
  [4, REPEATS],
  [25, QUICK ? 2 : 3],
  [100, QUICK ? 1 : 3],
  [500, 1],
].filter(([n]) => n <= MAX);
const tmp = mkdtempSync(path.join(tmpdir(), 'bulletin-bench-'));

/** Runs the CLI once in a new process: wall ms, peak RSS in MB, and whether it succeeded. */
function runCli(args) {
  const cmd = TIME
    ? [TIME, ['-v', process.execPath, BIN, ...args]]
    : [process.execPath, [BIN, ...args]];
  const t = performance.now();
  const r = spawnSync(cmd[0], cmd[1], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '' },
  });
  const ms = performance.now() - t;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  const error =
    r.status === 0
      ? undefined
      : ((r.stderr || r.stdout).split('\n').find((l) => l.trim() && !l.startsWith('\t')) ??
        `exit ${r.status}`);
  return { ms, rssMb: rss ? Number(rss[1]) / 1024 : undefined, error };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return {
    median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2,
    min: s[0],
    max: s[s.length - 1],
    runs: s.length,
  };
};
const summarise = (runs) => ({
  ...stats(runs.map((r) => r.ms)),
  peakRssMb: Math.max(...runs.map((r) => r.rssMb ?? 0)) || undefined,
  ...(runs.find((r) => r.error) ? { error: runs.find((r) => r.error).error } : {}),
});

function repeat(n, args) {
  return summarise(Array.from({ length: n }, () => runCli(args)));
}

/** A cold build; when the full build fails (the old bulletin does not fit many partners), the decks and charts alone. */
function coldBuild(n, data) {
  const out = path.join(tmp, `out-${path.basename(data)}`);
  const full = repeat(n, ['build', '--force', '--data', data, '--out', out]);
  if (!full.error) return full;
  return {
    ...repeat(n, [
      'build',
      '--force',
      '--only',
      'decks',
      '--only',
      'charts',
      '--data',
      data,
      '--out',
      out,
    ]),
    partial: 'decks and charts only',
    fullError: full.error,
  };
}

/** build() called repeatedly in one process (a child, so this process stays small). */
function warmBuild(n) {
  const out = path.join(tmp, 'warm');
  const script = `const { buildDetailed } = await import(${JSON.stringify(path.join(ROOT, 'dist/index.js'))});
const o = { data: 'data/bulletin.json', templates: 'templates', out: ${JSON.stringify(out)}, force: true };
await buildDetailed(o);
const ms = [];
for (let i = 0; i < ${n}; i++) { const t = performance.now(); await buildDetailed(o); ms.push(performance.now() - t); }
console.log(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024 }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) return { error: r.stderr.split('\n')[0] };
  const { ms, rssMb } = JSON.parse(r.stdout.trim().split('\n').pop());
  return { ...stats(ms), peakRssMb: rssMb };
}

const started = performance.now();
const results = {
  root: ROOT,
  cores: cpus().length,
  node: process.version,
  date: new Date().toISOString(),
  quick: QUICK,
};
const defaultOut = path.join(tmp, 'default');
results.cold = repeat(REPEATS, ['build', '--force', '--out', defaultOut]);
results.warm = warmBuild(REPEATS);
results.noop = repeat(REPEATS, ['build', '--out', defaultOut]);
results.scale = {};
for (const [count, n] of SCALE) {
  const data = writeDataset(count, path.join(tmp, `data-${count}.json`));
  results.scale[count] = coldBuild(n, data);
  process.stderr.write(`  ${count} partners: ${results.scale[count].median.toFixed(0)} ms\n`);
}
const s = results.scale;
results.marginalPerPartnerMs = {
  '4→100': s[100] ? (s[100].median - s[4].median) / 96 : undefined,
  '100→500': s[500] ? (s[500].median - s[100].median) / 400 : undefined,
};
results.ratio500to100 = s[500] ? s[500].median / s[100].median : undefined;
results.totalSeconds = (performance.now() - started) / 1000;
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
rmSync(tmp, { recursive: true, force: true });

const f = (x) => (x === undefined ? '' : x.toFixed(0));
const row = (name, r) =>
  `${name.padEnd(22)} ${f(r.median).padStart(7)} ${f(r.min).padStart(7)} ${f(r.max).padStart(7)} ${String(r.runs ?? '').padStart(4)} ${f(r.peakRssMb).padStart(7)}  ${r.partial ? `(${r.partial})` : (r.error ?? '')}`;
console.log(
  `${'case'.padEnd(22)} ${'median'.padStart(7)} ${'min'.padStart(7)} ${'max'.padStart(7)} ${'runs'.padStart(4)} ${'RSS MB'.padStart(7)}   (ms)`,
);
console.log(row('cold default', results.cold));
console.log(row('warm in-process', results.warm));
console.log(row('no-op rebuild', results.noop));
for (const [count] of SCALE) console.log(row(`${count} partners (cold)`, s[count]));
console.log(
  `marginal per partner: ${results.marginalPerPartnerMs['4→100']?.toFixed(1) ?? '-'} ms (4→100), ${results.marginalPerPartnerMs['100→500']?.toFixed(1) ?? '-'} ms (100→500); 500/100 = ${results.ratio500to100?.toFixed(2) ?? '-'}x`,
);
console.log(
  `bench took ${results.totalSeconds.toFixed(0)} s; results in ${path.relative(process.cwd(), RESULTS)}`,
);
