/**
 * This process's code cache folder (see compileCacheDir): the user's cache folder, one folder
 * per package and Node version. Shared by Node's module cache (launch.ts) and the pipeline
 * script's (pipeline-script.ts).
 */
import { homedir, tmpdir } from 'node:os';
import { PACKAGE_VERSION } from '../version.js';
import { compileCacheDir } from './warm-start.js';

export function processCacheDir(): string {
  let home = '';
  try {
    home = homedir();
  } catch {
    // No home folder (a service account): compileCacheDir falls back to the temp folder.
  }
  const uid = process.getuid?.() ?? -1;
  const at = { env: process.env, home, tmp: tmpdir(), uid };
  return compileCacheDir(at, PACKAGE_VERSION, process.version);
}
