/**
 * The package's root folder (where package.json, templates/ and scaffold/ are). Found by
 * walking up from this file, because the same code runs at three depths: src/ (tests),
 * dist/ (tsc's per-file output, the library) and dist/chunks/ (the bundled command).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function rootAbove(file: string): string {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${file}`);
  }
}

export const PACKAGE_ROOT: string = rootAbove(fileURLToPath(import.meta.url));
