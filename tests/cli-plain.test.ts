/**
 * The plain `bulletin build` fast path (src/cli/plain-build.ts) reads its command lines without
 * yargs: it must take the everyday ones, hand everything else to yargs, and give the build the
 * very arguments yargs would.
 */
import { describe, expect, it, vi } from 'vitest';
import { run } from '../src/cli/run.js';
import { plainBuildArgs } from '../src/cli/plain-build.js';

const { calls } = vi.hoisted(() => ({ calls: [] as unknown[] }));
vi.mock('../src/cli/build.js', () => ({
  buildCommand: async (args: unknown) => {
    calls.push(args);
    return 0;
  },
}));

/** The arguments the build command receives for argv, through the fast path or through yargs. */
async function argsOf(argv: string[], plain: boolean): Promise<unknown> {
  calls.length = 0;
  const io = { out: () => {}, err: () => {}, env: {} };
  expect(await run(argv, io, { plain })).toBe(0);
  expect(calls).toHaveLength(1);
  return calls[0];
}

const PLAIN = [
  ['build'],
  ['build', '--out', 'site'],
  ['build', '--out=site', '--data', 'd/x.json', '--templates=tpl'],
  ['build', '--force', '--jobs', '1'],
  ['build', '--jobs=12', '--quiet', '--strict'],
  ['build', '--check', '--json', '--debug'],
  ['build', '--out', 'a b/c=d'],
  ['build', '--force', '--only', 'pdf'],
  ['build', '--only=pdf', '--only', 'charts', '--out', 'site'],
  ['build', '--partner', 'japan'],
  ['build', '--partner', 'japan', '--only', 'decks', '--partner=korea'],
  ['build', '--only', 'nonsense'],
];

const NOT_PLAIN = [
  [],
  ['--help'],
  ['--version'],
  ['preview'],
  ['build', '--help'],
  ['build', '--version'],
  ['build', 'extra'],
  ['build', '--bogus'],
  ['build', '--out'],
  ['build', '--out='],
  ['build', '--out', '--force'],
  ['build', '--out', 'a', '--out', 'b'],
  ['build', '--force', '--force'],
  ['build', '--force=false'],
  ['build', '--no-force'],
  ['build', '--jobs', '0'],
  ['build', '--jobs', '1.5'],
  ['build', '--jobs', 'two'],
  ['build', '--only', 'pdf', 'charts'],
  ['build', '--only'],
  ['build', '--only', '--force'],
  ['build', '--partner', '-x'],
  ['build', '--deck-charts', 'image'],
  ['build', '--watch'],
  ['build', '-h'],
  ['build', '--'],
  ['build', '--Out', 'x'],
];

describe('plain build command lines', () => {
  const named = (argvs: string[][]) => argvs.map((argv) => ({ argv, line: argv.join(' ') }));

  it.each(named(PLAIN))('takes "$line" and passes what yargs passes', async ({ argv }) => {
    expect(plainBuildArgs(argv)).toBeDefined();
    expect(await argsOf(argv, true)).toStrictEqual(await argsOf(argv, false));
  });

  it.each(named(NOT_PLAIN))('leaves "$line" to yargs', ({ argv }) => {
    expect(plainBuildArgs(argv)).toBeUndefined();
  });

  it('a usage error still comes from yargs', async () => {
    let err = '';
    const io = { out: () => {}, err: (t: string) => (err += t), env: {} };
    expect(await run(['build', '--bogus'], io)).toBe(1);
    expect(err).toMatch(/Unknown argument: bogus/);
  });
});
