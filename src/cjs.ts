/**
 * CommonJS packages are loaded with require, not import. Importing a CommonJS file from an ES
 * module makes Node parse all of it first to find its export names (cjs-module-lexer), on
 * every start: measured in fresh processes, import vs require took ~170 vs ~40 ms for
 * liquidjs, ~60 vs ~20 for jsonc-parser. It is the same module.
 */
import { createRequire } from 'node:module';

export const requireCjs = createRequire(import.meta.url);
