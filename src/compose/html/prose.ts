/**
 * The model's prose (blocks of styled runs, parsed from Markdown with raw HTML already
 * refused) written as HTML. Every character of text is escaped here, so nothing in the data
 * or the templates can become markup, and only web and mail links become links.
 */
import { must } from '../../checked.js';
import type { Block, Run } from '../../template/markdown.js';

const ENTITIES = new Map([
  ['&', '&amp;'],
  ['<', '&lt;'],
  ['>', '&gt;'],
  ['"', '&quot;'],
  ["'", '&#39;'],
]);

/** Text escaped for element content and quoted attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => must(ENTITIES.get(c), `the entity for ${c}`));
}

/**
 * A link target the page may follow: http(s), mail, or a fragment; anything else (javascript:,
 * data:) is dropped.
 */
export function safeHref(href: string): string | undefined {
  const h = href.trim();
  return /^(https?:|mailto:|#)/i.test(h) ? h : undefined;
}

/** One run: escaped text inside <strong>, <em> and <a> as its style says. */
function runHtml(r: Run, mark: (text: string) => string): string {
  let html = mark(r.text);
  if (r.italic) html = `<em>${html}</em>`;
  if (r.bold) html = `<strong>${html}</strong>`;
  const href = r.link ? safeHref(r.link) : undefined;
  if (href) html = `<a href="${esc(href)}">${html}</a>`;
  return html;
}

/** Runs as inline HTML; `mark` writes a run's escaped text (and may link the figures in it). */
export function inlineHtml(runs: Run[], mark: (text: string) => string = esc): string {
  return runs.map((r) => runHtml(r, mark)).join('');
}

/**
 * Blocks as HTML. Headings keep their Markdown level but sit at or below `base` (the level under
 * the enclosing section's heading), never beyond h6; a quote in the prose is a blockquote of one
 * paragraph.
 */
export function blocksHtml(
  blocks: Block[],
  base: number,
  mark: (text: string) => string = esc,
): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading': {
          const level = Math.min(6, Math.max(base, b.level));
          return `<h${level}>${inlineHtml(b.runs, mark)}</h${level}>`;
        }
        case 'paragraph':
          return `<p>${inlineHtml(b.runs, mark)}</p>`;
        case 'list': {
          const tag = b.ordered ? 'ol' : 'ul';
          const items = b.items.map((i) => `<li>${inlineHtml(i, mark)}</li>`).join('');
          return `<${tag}>${items}</${tag}>`;
        }
        case 'quote':
          return `<blockquote><p>${inlineHtml(b.runs, mark)}</p></blockquote>`;
      }
    })
    .join('\n');
}
