#!/usr/bin/env node
// The `gh` command as tests/workflow-runner.ts's local GitHub answers it: the few calls the
// workflow's scripts make (run list, the artifacts of a run), from the runs the runner has
// recorded in $LOCAL_GH_STATE, at the simulated time $LOCAL_GH_NOW. Any other call fails, so
// a script cannot come to depend on something this stand-in does not check.
const { execFileSync } = require('node:child_process');
const { existsSync, readFileSync, readdirSync } = require('node:fs');
const path = require('node:path');

const fail = (message) => {
  process.stderr.write(`local gh: ${message}\n`);
  process.exit(1);
};
if (!process.env.GH_TOKEN) fail('not logged in: set GH_TOKEN (the workflow passes github.token)');
const repo = process.env.GH_REPO ?? process.env.GITHUB_REPOSITORY;
if (repo !== process.env.GITHUB_REPOSITORY) fail(`no repository ${repo} here`);
const state = process.env.LOCAL_GH_STATE;
const now = Date.parse(process.env.LOCAL_GH_NOW ?? '');
if (!state || Number.isNaN(now)) fail('LOCAL_GH_STATE and LOCAL_GH_NOW must be set');

const args = process.argv.slice(2);
const flags = {};
const positional = [];
const short = {
  '-w': '--workflow',
  '-b': '--branch',
  '-s': '--status',
  '-L': '--limit',
  '-q': '--jq',
};
for (let i = 0; i < args.length; i++) {
  const a = short[args[i]] ?? args[i];
  if (a.startsWith('--')) flags[a.slice(2)] = args[++i];
  else positional.push(a);
}

const runsDir = path.join(state, 'runs');
const runs = () =>
  (existsSync(runsDir) ? readdirSync(runsDir) : [])
    .map((id) => JSON.parse(readFileSync(path.join(runsDir, id, 'run.json'), 'utf8')))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.databaseId - a.databaseId);

const artifacts = (id) => {
  const dir = path.join(runsDir, String(id), 'artifacts');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')))
    .map((a) => ({
      id: a.id,
      name: a.name,
      expired: now > Date.parse(a.createdAt) + a.retentionDays * 86_400_000,
      workflow_run: { id: Number(id) },
    }));
};

const print = (value) => {
  const json = JSON.stringify(value);
  if (flags.jq === undefined) process.stdout.write(`${json}\n`);
  // gh's --jq prints strings raw, as jq -r does.
  else
    process.stdout.write(execFileSync('jq', ['-r', flags.jq], { input: json, encoding: 'utf8' }));
};

const [group, command, endpoint] = positional;
if (group === 'run' && command === 'list') {
  const known = new Set(['workflow', 'branch', 'status', 'limit', 'json', 'jq', 'event']);
  for (const f of Object.keys(flags)) if (!known.has(f)) fail(`run list: unsupported flag --${f}`);
  if (!flags.json) fail('run list: this stand-in answers --json only');
  let list = runs();
  if (flags.workflow) list = list.filter((r) => path.basename(r.path) === flags.workflow);
  if (flags.branch) list = list.filter((r) => r.headBranch === flags.branch);
  if (flags.event) list = list.filter((r) => r.event === flags.event);
  if (flags.status)
    list = list.filter((r) => r.status === flags.status || r.conclusion === flags.status);
  list = list.slice(0, Number(flags.limit ?? 20));
  const fields = flags.json.split(',');
  print(list.map((r) => Object.fromEntries(fields.map((f) => [f, r[f] ?? null]))));
} else if (group === 'api') {
  const m = /^repos\/([^/]+\/[^/]+)\/actions\/runs\/(\d+)\/artifacts$/.exec(command ?? '');
  if (!m || endpoint !== undefined) fail(`api: unsupported endpoint ${command}`);
  if (m[1] !== process.env.GITHUB_REPOSITORY) fail(`api: no repository ${m[1]}`);
  const list = artifacts(m[2]);
  print({ total_count: list.length, artifacts: list });
} else fail(`unsupported command: gh ${args.join(' ')}`);
