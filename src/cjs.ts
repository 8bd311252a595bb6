/**
 * CommonJS packages are loaded with require, not import. Importing a CommonJS file from an ES
 * module makes Node parse all of it first to find its export names (cjs-module-lexer), on
 * every start: measured in fresh processes, import vs require took ~170 vs ~40 ms for
 * liquidjs, ~60 vs ~20 for jsonc-parser. It is the same module.
 */
import { createRequire, Module } from 'node:module';

export const requireCjs = createRequire(import.meta.url);

/**
 * Packages that pdfkit and fontkit require when they load but that a bulletin never runs:
 * pdfkit's line breaker (our layout breaks its own lines), its AES for encrypted PDFs and
 * PNG decoder, and fontkit's Brotli for WOFF2 files. Loading them cost ~30 ms of a cold
 * `--only pdf` build. Each stands in as a stub that loads the real package the first time it
 * is used (read, written, called or constructed), so it behaves the same either way.
 */
const DEFERRED: [from: string, id: string][] = [
  ['pdfkit', 'linebreak'],
  ['pdfkit', '@noble/ciphers/aes'],
  ['pdfkit', 'png-js'],
  ['fontkit', 'brotli/decompress.js'],
];

for (const [from, id] of DEFERRED) deferUntilUsed(from, id);

function deferUntilUsed(from: string, id: string): void {
  let file: string;
  try {
    file = createRequire(requireCjs.resolve(from)).resolve(id);
  } catch {
    return; // Laid out otherwise (another version): loaded when required, as usual.
  }
  if (requireCjs.cache[file]) return;
  let real: object | undefined;
  const load = (): object => {
    if (!real) {
      delete requireCjs.cache[file];
      real = requireCjs(file) as object;
    }
    return real;
  };
  // A bound function: it can be called and constructed, and has no own `prototype` that the
  // proxy would have to report for the real package.
  const stub = new Proxy(function deferred() {}.bind(null), {
    get: (_, key) => Reflect.get(load(), key),
    set: (_, key, value) => Reflect.set(load(), key, value),
    has: (_, key) => Reflect.has(load(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(load()),
    apply: (_, self, args) => Reflect.apply(load() as () => unknown, self, args),
    construct: (_, args) => Reflect.construct(load() as new () => object, args),
  });
  const module = new Module(file);
  module.filename = file;
  module.loaded = true;
  module.exports = stub;
  requireCjs.cache[file] = module;
}
