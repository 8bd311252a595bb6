/**
 * The commit of a build as a journal (issue 31, item 8). Before the first staged file is
 * renamed into place, the list of renames is written (atomically) beside the lock; after the
 * last, it is removed. A build killed between the two leaves the journal and its staged files,
 * and the next command that takes the lock — a build, `--check`, `verify` — finishes those
 * renames before anything reads the folder, so the set is whole and new, never old and new
 * mixed. The journal is read as untrusted: every path must stay inside the folder.
 */
import { lstat, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { readStateFile } from './state-file.js';
import { errnoCode } from './faults.js';

export const JOURNAL = '.bulletin-commit.json';
const TEMP = /^\..+\.\d+\.\d+\.tmp$/;
const PLAIN = /^(?!.*(^|\/)\.\.?(\/|$))[^/\\\0]+(\/[^/\\\0]+)*$/;

/** One rename of a commit, relative to the output folder. */
export interface JournalEntry {
  tmp: string;
  file: string;
}

/** The journal's text for these renames (absolute paths inside `root`) and removals. */
export function journalText(
  root: string,
  renames: { tmp: string; file: string }[],
  prune: string[],
): string {
  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
  return JSON.stringify({
    renames: renames.map((r) => ({ tmp: rel(r.tmp), file: rel(r.file) })),
    prune: prune.map(rel),
  });
}

/** Whether a journal entry is two plain paths in one folder, the first a staged temp file. */
function valid(e: unknown): e is JournalEntry {
  const { tmp, file } = (e ?? {}) as Record<string, unknown>;
  return (
    typeof tmp === 'string' &&
    typeof file === 'string' &&
    PLAIN.test(tmp) &&
    PLAIN.test(file) &&
    TEMP.test(path.posix.basename(tmp)) &&
    path.posix.dirname(tmp) === path.posix.dirname(file)
  );
}

/** Whether no part of `rel` below `root` is a symbolic link (a journal never leads out). */
async function noLinks(root: string, rel: string): Promise<boolean> {
  let cur = root;
  for (const part of rel.split('/')) {
    cur = path.join(cur, part);
    const info = await lstat(cur).catch(() => undefined);
    if (info?.isSymbolicLink()) return false;
  }
  return true;
}

/**
 * Finishes the commit a killed build left in `root` (call with the lock held): the staged
 * files still there are renamed into place in the journal's order, removed files removed,
 * then the journal goes. True when there was one.
 */
export async function rollForward(root: string): Promise<boolean> {
  const file = path.join(root, JOURNAL);
  let text: string;
  try {
    text = await readStateFile(file, 'commit journal');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return false;
    throw err;
  }
  let journal: { renames?: unknown; prune?: unknown } = {};
  try {
    journal = JSON.parse(text);
  } catch {
    // A journal cut short was never complete: its renames never started.
  }
  const renames = Array.isArray(journal.renames) ? journal.renames.filter(valid) : [];
  const prune = Array.isArray(journal.prune)
    ? journal.prune.filter((p): p is string => typeof p === 'string' && PLAIN.test(p))
    : [];
  for (const r of renames) {
    if (!(await noLinks(root, r.tmp)) || !(await noLinks(root, r.file))) continue;
    const staged = await lstat(path.join(root, r.tmp)).catch(() => undefined);
    if (staged?.isFile()) await rename(path.join(root, r.tmp), path.join(root, r.file));
  }
  for (const p of prune) if (await noLinks(root, p)) await rm(path.join(root, p), { force: true });
  await rm(file, { force: true });
  return true;
}
