/**
 * Files the package ships beside its code (src/resources, listed in package.json's "files"):
 * the print edition's CMYK profiles and the vendored colour engine. Read from the package root,
 * so the same path serves the tests (src/), the library (dist/) and the bundled command.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from './package-root.js';

export const RESOURCES: string = path.join(PACKAGE_ROOT, 'src', 'resources');

/**
 * LittleCMS in WebAssembly (lcms-wasm 1.0.5, MIT), vendored in src/resources/lcms-wasm: the
 * published package declares a test runner as a runtime dependency, which would add 129
 * packages to every install (src/resources/lcms-wasm/README.md). Loaded only for the print
 * edition.
 */
export async function loadColourEngine(): Promise<typeof import('lcms-wasm')> {
  const file = path.join(RESOURCES, 'lcms-wasm', 'lcms.js');
  return (await import(pathToFileURL(file).href)) as typeof import('lcms-wasm');
}
