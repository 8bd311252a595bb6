/** The values the fidelity check works with: what was printed, and what the data allows. */

import type { Pool } from './pool.js';

export type { ChartValue, Printed, PrintedText } from '../load/printed.js';

/** A value the data allows to be printed, and how it follows from the data. */
export type Candidate =
  /** `approx`: converted at a stated rate, so printed as a rounding of it. */
  | { kind: 'money'; value: number; currency: string; how: string; approx?: true }
  | { kind: 'quantity'; value: number; unit?: string; how: string }
  | { kind: 'count'; value: number; how: string }
  | { kind: 'share'; value: number; how: string }
  | { kind: 'rank'; value: number; how: string };

/** A date the data states, with its precision. */
export interface DateCandidate {
  year: number;
  month?: number;
  day?: number;
  /** Set for decade dates ("1990s", "early-1990s"). */
  decade?: boolean;
  /** "early", "mid" or "late" for a part of a decade. */
  part?: string;
  how: string;
}

/** Everything a printed figure may trace to. */
export interface Candidates {
  /** Values by kind and currency or unit (see pool.ts). */
  pools: Map<string, Pool>;
  /** Stated dates by what they allow to be printed (see dateKeys in derive.ts). */
  dates: Map<string, string>;
  /** The dataset's text, lowercased, one string per line: numbers quoted from the data. */
  quotedText: string;
  /** Every currency in the data. */
  currencies: string[];
  /** Every unit of a quantity or figure in the data, lowercased. */
  units: string[];
}

/** A figure found in printed text. */
export interface PrintedFigure {
  kind: 'money' | 'number' | 'percent' | 'ordinal' | 'word' | 'date' | 'decade';
  /** The value with its scale applied ("1.2 million" → 1200000; "34%" → 34). */
  value: number;
  /** The place value of the last printed digit ("1.2 million" → 100000). */
  step: number;
  /** The currency sign or code as printed ("$", "A$", "FJD"). */
  sign?: string;
  /** The data unit printed after it ("barrels"). */
  unit?: string;
  /** Introduced by "about", "nearly"…: may be a rounding of the value. */
  hedged: boolean;
  /** Printed with a thousands separator or a scale word: not a year. */
  grouped: boolean;
  /** Printed "3." where the locale writes ordinals so: a rank, or a count ending a sentence. */
  mayBeRank?: true;
  date?: { year?: number; month?: number; day?: number; part?: string };
  raw: string;
  start: number;
  end: number;
}

/** A printed figure that traces to nothing in the data. */
export interface VerifyProblem {
  file: string;
  place: string;
  printed: string;
  context: string;
  reason: string;
  /** Set for a derived claim (a rank, a "first"…): what it says, of whom. */
  claim?: string;
}

/** The outcome of a check. */
export interface VerifyResult {
  ok: boolean;
  /** Numbers checked. */
  checked: number;
  /** Derived claims the files record, each recomputed and read for its wording. */
  claims: number;
  files: string[];
  /** How many figures traced to each kind of source ("stated money", "share"…). */
  traced: Record<string, number>;
  skipped: number;
  problems: VerifyProblem[];
}
