// After tsc: records a hash of the compiled code (so a changed tool rebuilds every output,
// even before its version number changes) and links the `bulletin` command into
// node_modules/.bin, which npm does not do for a package's own bin.
import { createHash } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

const files = readdirSync('dist', { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.js'))
  .sort();
const hash = createHash('sha256');
for (const f of files) hash.update(f).update(readFileSync(path.join('dist', f)));
writeFileSync('dist/build-id.txt', `${hash.digest('hex').slice(0, 16)}\n`);
chmodSync('dist/cli/bin.js', 0o755);
mkdirSync('node_modules/.bin', { recursive: true });
const link = 'node_modules/.bin/bulletin';
try {
  unlinkSync(link);
} catch {
  /* not there yet */
}
symlinkSync('../../dist/cli/bin.js', link);
