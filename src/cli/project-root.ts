/**
 * Where a command's default paths point when it runs in a subfolder of a project, as git and
 * Quarto find theirs (issue 30): `cd templates && bulletin build` builds the project and
 * writes its output/, not "data file not found".
 *
 * The project root is the working folder when it holds data/bulletin.json or templates/ (so
 * every command line that worked before means what it meant); otherwise the nearest folder
 * above it that holds both data/bulletin.json and templates/. Paths given on the command line
 * (--data, --templates, --out) are never moved: they stay relative to the working folder.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULTS } from './options.js';

/** The input and output paths of a command that reads a project. */
export interface ProjectPaths {
  data: string;
  templates: string;
  out: string;
}

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();
const isFile = (p: string) => existsSync(p) && statSync(p).isFile();

/** The folder the default paths are relative to (see the file comment). */
export function findProjectRoot(cwd: string): string {
  const start = path.resolve(cwd);
  if (isFile(path.join(start, DEFAULTS.data)) || isDir(path.join(start, DEFAULTS.templates)))
    return start;
  for (let dir = path.dirname(start); ; dir = path.dirname(dir)) {
    if (isFile(path.join(dir, DEFAULTS.data)) && isDir(path.join(dir, DEFAULTS.templates)))
      return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

/**
 * The paths given, and for each one not given the project root's default, written relative to
 * the working folder (`../output`) so that messages stay short and read as the user would type.
 */
export function projectPaths(given: Partial<ProjectPaths>, cwd = process.cwd()): ProjectPaths {
  const missing = (['data', 'templates', 'out'] as const).filter((k) => given[k] === undefined);
  const root = missing.length ? findProjectRoot(cwd) : path.resolve(cwd);
  const fromRoot = (rel: string) =>
    root === path.resolve(cwd) ? rel : path.relative(cwd, path.join(root, rel)) || '.';
  return {
    data: given.data ?? fromRoot(DEFAULTS.data),
    templates: given.templates ?? fromRoot(DEFAULTS.templates),
    out: given.out ?? fromRoot(DEFAULTS.out),
  };
}
