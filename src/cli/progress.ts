/**
 * The build's progress display and closing summary. On a terminal one status line is redrawn
 * per unit (format, count, what); anywhere else (CI logs, pipes) each finished unit is one
 * plain line with no escape codes, because logs keep every byte and show escapes as garbage.
 */
import { at } from '../checked.js';
import type { ProgressEvent, ProgressListener } from '../progress.js';
import type { BuildResult } from '../index.js';
import type { CliIO } from './io.js';

/**
 * How chatty the display is: quiet prints nothing but errors and warnings; json prints only the
 * final document.
 */
export interface DisplayMode {
  quiet: boolean;
  json: boolean;
}

/** A listener for buildDetailed plus the per-file times it saw, for the summary table. */
export interface ProgressDisplay {
  listener: ProgressListener;
  /** Milliseconds per output path, from the 'done' events. */
  times: Map<string, number>;
  /** Clears the status line (TTY) before the summary is printed. */
  finish(): void;
}

export function progressDisplay(io: CliIO, mode: DisplayMode): ProgressDisplay {
  const times = new Map<string, number>();
  const live = io.isTTY === true && io.write !== undefined && !mode.quiet && !mode.json;
  let drawn = false;
  const listener = (e: ProgressEvent) => {
    if (e.phase === 'done') for (const p of e.paths) times.set(p, (e.ms ?? 0) / e.paths.length);
    if (mode.quiet || mode.json) return;
    const label = `[${e.format} ${e.index}/${e.total}]`;
    if (live) {
      // \r and erase-line redraw one line in place; the summary replaces it at the end.
      io.write?.(`\r\x1b[K${label} ${e.phase === 'start' ? 'rendering' : 'done'} ${e.key}`);
      drawn = true;
    } else if (e.phase === 'done') io.out(`${label} ${e.paths.join(', ')} (${seconds(e.ms ?? 0)})`);
  };
  return {
    listener,
    times,
    finish: () => {
      if (drawn) io.write?.('\r\x1b[K');
      drawn = false;
    },
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** The closing table: one row per rebuilt file with its pages or slides, size and render time. */
export function summaryTable(result: BuildResult, times: Map<string, number>): string {
  const byPath = new Map(result.manifest.artifacts.map((a) => [a.path, a]));
  const header = ['artifact', 'pages/slides', 'size', 'time'];
  const rows = result.rebuilt.map((p) => {
    const a = byPath.get(p);
    const count =
      a?.pages !== undefined
        ? `${a.pages} pages`
        : a?.slides !== undefined
          ? `${a.slides} slides`
          : '';
    const t = times.get(p);
    return [
      p,
      count,
      a ? `${(a.bytes / 1024).toFixed(1)} KB` : '',
      t === undefined ? '' : seconds(t),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const cell = (c: string, i: number) => {
    const w = at(widths, i, 'column width');
    return i === 0 ? c.padEnd(w) : c.padStart(w);
  };
  const line = (r: string[]) => `  ${r.map(cell).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
