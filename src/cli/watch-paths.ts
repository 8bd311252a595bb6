/**
 * Which changed paths `bulletin watch` rebuilds for. Pure: no file system, so the rules that
 * keep an editor's save down to one rebuild are tested on names alone.
 */
import path from 'node:path';

/**
 * Files editors write beside the one being saved, which say nothing about the inputs: vim's
 * write probe (4913, 5036, …: numbers) and swap files (.name.swp, .swo, .swx), backups
 * (name~), emacs' lock and autosave files (.#name, #name#), JetBrains' safe-write pair
 * (name___jb_tmp___, name___jb_old___), and any dot file (our own temp files and locks too).
 * vim rewrites its swap file every few seconds while the analyst types; without this, each
 * of those writes would rebuild. The save itself still reaches the watcher as the real name.
 */
export function isEditorScratch(name: string): boolean {
  return (
    name.startsWith('.') ||
    name.endsWith('~') ||
    /^\d+$/.test(name) ||
    /^#.*#$/.test(name) ||
    /___jb_(tmp|old)___$/.test(name) ||
    /\.sw[a-p]$/.test(name)
  );
}

/**
 * A predicate for paths under the watched folders that must not trigger a build: the output
 * folder (our own writes; it may sit inside a watched folder), dependencies, hidden folders
 * such as .git, and editors' scratch files.
 */
export function ignoredBy(out: string, roots: readonly string[]): (file: string) => boolean {
  const outDir = path.resolve(out);
  return (file) => {
    const abs = path.resolve(file);
    if (abs === outDir || abs.startsWith(outDir + path.sep)) return true;
    const root = roots.find((r) => abs === r || abs.startsWith(r + path.sep));
    // Only the part below the watched folder is judged: a project may live in ~/.work/x.
    const parts =
      root === undefined ? [path.basename(abs)] : path.relative(root, abs).split(path.sep);
    return parts.some((p) => p === 'node_modules' || (p !== '' && isEditorScratch(p)));
  };
}
