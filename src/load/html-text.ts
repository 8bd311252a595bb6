/**
 * The text the web edition prints, for the fidelity check: what a reader sees (and what a
 * screen reader announces: chart titles and descriptions), block by block. Scripts and
 * styles are not text; the embedded source JSON is data, not prose, and is left out.
 */
import type { Printed } from './printed.js';
import { claimsOf, htmlClaimsJson } from './claims.js';

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(
        e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)),
      );
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const BLOCK =
  /<\/?(?:p|li|td|th|tr|h[1-6]|figcaption|caption|summary|title|desc|text|div|section|header|footer|aside|blockquote|dt|dd|br)\b[^>]*>/gi;

/** Every block of visible or announced text in the page, in document order. */
export function readHtmlText(file: string, bytes: Uint8Array): Printed {
  const html = new TextDecoder().decode(bytes);
  const body = html
    .replace(/<script\b[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style\b[\s\S]*?<\/style>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ');
  const blocks = body
    .replace(BLOCK, '\n')
    .replace(/<[^>]+>/g, '')
    .split('\n')
    .map((b) => decode(b).replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return {
    texts: [{ file, place: 'web edition', text: blocks.join('\n') }],
    chartValues: [],
    files: [file],
    claims: [claimsOf(file, htmlClaimsJson(html))],
  };
}
