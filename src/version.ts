/**
 * The tool's version, read once from package.json, plus the hash of the compiled code
 * (dist/build-id.txt, written after tsc): both go into every input hash, so a new tool
 * rebuilds what an older one made.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from './package-root.js';

const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

function buildId(): string {
  try {
    // The same file whether this runs compiled (dist/) or from source (src/, under the tests).
    return readFileSync(path.join(PACKAGE_ROOT, 'dist', 'build-id.txt'), 'utf8').trim();
  } catch {
    return 'dev';
  }
}

/** The package version, as --version prints it. */
export const PACKAGE_VERSION: string = pkg.version;

/** Version and code hash, e.g. "0.1.0+3f2a…": what manifests record and input hashes include. */
export const TOOL_VERSION = `${pkg.version}+${buildId()}`;
