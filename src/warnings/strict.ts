/**
 * The warning type and what fails --strict, apart from the rules (index.ts): the CLI reads
 * them after every build, the no-op fast path included, which must not load the rules' imports
 * (the chart planner and the dataset schema: zod alone is ~95 modules, a third of a no-op).
 */

/** One warning: a code to filter on, a sentence for people, and where it points. */
export interface BuildWarning {
  code:
    | 'W_DATA_AGE'
    | 'W_NO_LOCATOR'
    | 'W_AID_NO_AMOUNT'
    | 'W_AID_PARTS'
    | 'W_FIT_LAST_STEP'
    | 'W_FIT_CUT'
    | 'W_FIT_SHORT'
    | 'W_CHART_VALUES'
    | 'W_CHART_DROPPED'
    | 'W_SLIDE_DROPPED'
    | 'W_DECK_CONTRAST'
    | 'W_DECK_TEMPLATE_DROPPED';
  message: string;
  /** A JSON path into the data, a chart key, or an output file. */
  where?: string;
  /**
   * Shown, but not failing --strict: a page with room to spare is worth a look, yet data with
   * little to say (a new project, a dataset without optional fields) is not an error to fix.
   */
  advisory?: boolean;
}

/** The warnings that fail a --strict build. */
export const strictWarnings = (ws: readonly BuildWarning[]): BuildWarning[] =>
  ws.filter((w) => !w.advisory);
