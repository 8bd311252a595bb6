/**
 * The schema check of decks (issue 32, item 1): every slide, layout, master, notes, theme,
 * chart and presentation part validated against the ECMA-376 transitional schemas by libxml2
 * (tests/pptx/schema.py, schemas in tests/pptx/xsd), after Markup Compatibility processing.
 */
import { execFileSync } from 'node:child_process';

/** Schema errors, one line each: ours, and those the organisation's template carries in. */
export interface DeckSchemaReport {
  ours: string[];
  template: string[];
}

/** Checks the decks at these paths; `template` is the .potx/.pptx they were built on, if any. */
export function deckSchemaReport(files: string[], template?: string): DeckSchemaReport {
  if (files.length === 0) return { ours: ['no decks to check'], template: [] };
  const args = template ? ['--template', template, ...files] : files;
  const out = execFileSync('/usr/bin/python3', ['tests/pptx/schema.py', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as DeckSchemaReport;
}

/** Our schema errors in the decks at these paths, one line each; empty when valid. */
export function deckSchemaProblems(files: string[], template?: string): string[] {
  return deckSchemaReport(files, template).ours;
}
