/**
 * A Node binary of a given major version, from the npm registry's `node` package (npm ships
 * Node's own binaries that way), cached by npx. .ci/setup-test fetches the versions the tests
 * use ahead of time; here a missing one is fetched on demand, and null means it cannot be
 * (offline, or no build for this platform), which callers report instead of failing.
 */
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';

const found = new Map<string, string | null>();

export function nodeBinary(major: string): string | null {
  if (found.has(major)) return found.get(major)!;
  let bin: string | null = null;
  try {
    // From a neutral folder, so the project's own package.json plays no part in the install.
    bin = execFileSync('npx', ['-y', '-p', `node@${major}`, 'node', '-p', 'process.execPath'], {
      cwd: tmpdir(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300_000,
    }).trim();
    const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
    if (!version.startsWith(`v${major}.`)) bin = null;
  } catch {
    bin = null;
  }
  found.set(major, bin);
  return bin;
}
