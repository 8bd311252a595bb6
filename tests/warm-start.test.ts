/**
 * What the launcher (src/cli/launch.ts) decides before the command loads: which V8 flags for
 * which V8, that a flag the user gave Node wins, and where the compiled-code cache goes. That
 * the flags work on each Node, and the cache is used and harmless, is
 * tests/node-versions.test.ts, on the built CLI.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCacheDir, flagsNotGiven, tierUpFlags } from '../src/cli/warm-start.js';

describe('tierUpFlags', () => {
  it('names only the flags of the running V8 (Node 20, 22, 24)', () => {
    expect(tierUpFlags('11.3.244.8-node.38')).toEqual(['--interrupt-budget=1000000']);
    expect(tierUpFlags('12.4.254.21-node.57')).toEqual(['--invocation-count-for-turbofan=30000']);
    expect(tierUpFlags('13.6.233.17-node.53')).toEqual([
      '--invocation-count-for-turbofan=30000',
      '--invocation-count-for-maglev=4000',
    ]);
  });
});

describe('flagsNotGiven', () => {
  const flags = ['--invocation-count-for-turbofan=30000', '--invocation-count-for-maglev=4000'];
  it('leaves out a flag the user gave Node, in either spelling', () => {
    expect(flagsNotGiven(flags, ['--invocation_count_for_maglev=10'])).toEqual([flags[0]]);
    expect(flagsNotGiven(flags, ['--invocation-count-for-turbofan=1', ''])).toEqual([flags[1]]);
    expect(flagsNotGiven(flags, ['--max-old-space-size=4096'])).toEqual(flags);
  });
});

describe('compileCacheDir', () => {
  const at = { env: {}, home: '/home/ann', tmp: '/tmp', uid: 1000 };
  const leaf = path.join('bulletin', 'compile-1.2.3-node-v22.1.0');
  it('is per package version and Node version, in the user cache folder', () => {
    expect(compileCacheDir(at, '1.2.3', 'v22.1.0')).toBe(path.join('/home/ann/.cache', leaf));
    const xdg = { ...at, env: { XDG_CACHE_HOME: '/var/cache/ann' } };
    expect(compileCacheDir(xdg, '1.2.3', 'v22.1.0')).toBe(path.join('/var/cache/ann', leaf));
  });
  it('ignores a relative XDG_CACHE_HOME, as the XDG spec says', () => {
    const rel = { ...at, env: { XDG_CACHE_HOME: 'cache' } };
    expect(compileCacheDir(rel, '1.2.3', 'v22.1.0')).toBe(path.join('/home/ann/.cache', leaf));
  });
  it('without a home folder, a per-user folder under the temporary folder', () => {
    const homeless = { ...at, home: '' };
    expect(compileCacheDir(homeless, '1.2.3', 'v22.1.0')).toBe(
      path.join('/tmp', 'bulletin-cache-1000', leaf),
    );
  });
});
