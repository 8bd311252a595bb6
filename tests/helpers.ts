/** Shared test helpers: an in-process CLI, temp folders, and data copies with edits. */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { run } from '../src/cli/run.js';
import { prepare } from '../src/index.js';
import type { BuildContext } from '../src/compose/types.js';

export const SEED_DATA = 'data/bulletin.json';
export const seedText = (): string => readFileSync(SEED_DATA, 'utf8');

export function tempDir(prefix = 'bulletin-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/**
 * Two cache folders no build can write: one under a file (no folder can be made there, even
 * by root) and one read-only.
 */
export function unwritableFolders(): { root: string; folders: string[] } {
  const root = tempDir('bulletin-cache-ro-');
  writeFileSync(path.join(root, 'file'), '');
  const readOnly = path.join(root, 'read-only');
  mkdirSync(readOnly);
  chmodSync(readOnly, 0o555);
  return { root, folders: [path.join(root, 'file', 'cache'), readOnly] };
}

/** Writes a copy of the seed data with text replacements; fails if a replacement does not apply. */
/** The flags that point a build at a project folder's own data and templates. */
export function projectArgs(dir: string): string[] {
  return [
    '--data',
    path.join(dir, 'data/bulletin.json'),
    '--templates',
    path.join(dir, 'templates'),
  ];
}

export function dataWith(edits: [string, string][], dir = tempDir()): string {
  let text = seedText();
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`test edit not found in data: ${from}`);
    text = text.replace(from, to);
  }
  const file = path.join(dir, 'bulletin.json');
  writeFileSync(file, text);
  return file;
}

/** Runs the CLI in-process and captures what it prints. */
export async function cli(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, {
    out: (t) => (out += `${t}\n`),
    err: (t) => (err += `${t}\n`),
    env,
  });
  return { code, out, err };
}

/**
 * Text of a PDF via poppler's pdftotext (installed by .ci/run). `raw` is content-stream
 * order, which the renderer writes in reading order (column 1, column 2, then boxes).
 */
export function pdfText(file: string, mode: 'raw' | 'layout' | 'physical' = 'raw'): string {
  const flag = mode === 'raw' ? ['-raw'] : mode === 'layout' ? ['-layout'] : [];
  return execFileSync('pdftotext', [...flag, file, '-'], { encoding: 'utf8' });
}

/** PDF text with line-end hyphens (soft, U+00AD, or hard) and line breaks folded, for searching figures. */
export function pdfReadingText(file: string): string {
  return pdfText(file)
    .replace(/[-\u00ad]\n/g, '')
    .replace(/\s+/g, ' ');
}

export function pdfInfo(file: string): Record<string, string> {
  const text = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Object.fromEntries(
    text
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

/** Copies templates/ (or edits `into` in place) and applies edits to one file (relative path). */
export function templatesWith(file: string, edits: [string, string][], into?: string): string {
  const dir = into ?? path.join(tempDir(), 'templates');
  if (!into) cpSync('templates', dir, { recursive: true });
  let text = readFileSync(path.join(dir, file), 'utf8');
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`test edit not found in ${file}: ${from}`);
    text = text.replace(from, to);
  }
  writeFileSync(path.join(dir, file), text);
  return dir;
}

let ctx: Promise<BuildContext> | undefined;

/** A fresh context (its own asset cache) or the shared one. */
export function sampleContext(fresh = false): Promise<BuildContext> {
  if (fresh)
    return prepare({ data: 'data/bulletin.json', templates: 'templates', out: '/tmp/charts-test' });
  ctx ??= prepare({ data: 'data/bulletin.json', templates: 'templates', out: '/tmp/charts-test' });
  return ctx;
}

/** Width and colour type from a PNG's IHDR chunk. */
export function pngHeader(png: Uint8Array): { width: number; height: number; colorType: number } {
  const b = Buffer.from(png);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), colorType: b[25]! };
}

/**
 * A line of a JavaScript stack trace, with or without a function name in parentheses
 * ("    at f (file:///x.js:1:2)" and "    at file:///x.js:1:2", or node:internal frames).
 */
export const STACK_FRAME =
  /^\s+at (?:.+ \()?(?:file:|node:|\/|[A-Za-z]:\\|<anonymous>).*:\d+(?::\d+)?\)?$/m;

/**
 * Whether a tool some tests need is here. Under CI=true a missing tool fails the run with the
 * command that installs it, instead of a green run that tested nothing (issue 31); on a
 * developer's machine those tests are skipped.
 */
export function toolPresent(present: boolean, tool: string, install: string): boolean {
  if (!present && process.env.CI === 'true')
    throw new Error(`${tool} is needed by these tests, and CI must not skip them: ${install}`);
  return present;
}

/**
 * Converts files with LibreOffice in a private profile (inside `outDir`, so runs in parallel
 * never share one); returns the converted files' paths.
 */
export function libreOfficeConvert(
  files: string[],
  to: string,
  outDir: string,
  options: { timeout?: number; env?: NodeJS.ProcessEnv } = {},
): string[] {
  execFileSync(
    'soffice',
    [
      '--headless',
      `-env:UserInstallation=file://${path.join(outDir, 'profile')}`,
      '--convert-to',
      to,
      '--outdir',
      outDir,
      ...files,
    ],
    { stdio: 'pipe', timeout: options.timeout ?? 120_000, env: options.env ?? process.env },
  );
  const ext = to.split(':')[0];
  return files.map((f) => path.join(outDir, path.basename(f).replace(/\.[^.]+$/, `.${ext}`)));
}
