/**
 * The schema check of decks (tests/pptx/paragraphs.py, issue 32 item 1): every text paragraph
 * and text body of every slide, layout, master, notes and chart part in ECMA-376's order.
 */
import { execFileSync } from 'node:child_process';

/** Problems found in the decks at these paths, one line each; empty when sound. */
export function deckSchemaProblems(files: string[]): string[] {
  if (files.length === 0) return ['no decks to check'];
  const out = execFileSync('/usr/bin/python3', ['tests/pptx/paragraphs.py', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as string[];
}
