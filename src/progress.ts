/**
 * Progress events a build reports while it renders, for the CLI's display and the summary table.
 */

/** One unit (the bulletin, a chart, a deck) started or finished rendering. */
export interface ProgressEvent {
  phase: 'start' | 'done';
  /** The renderer: pdf, charts or decks. */
  format: string;
  /** The unit's key (a chart id, a partner id, "bulletin"). */
  key: string;
  /** 1-based position of this unit among the units being rebuilt, and how many there are. */
  index: number;
  total: number;
  /** Files the unit writes (relative to the output folder). */
  paths: string[];
  /** Render time in milliseconds (on 'done'). */
  ms?: number;
}

/** Receives progress events; must not throw (a display must never fail a build). */
export type ProgressListener = (event: ProgressEvent) => void;
