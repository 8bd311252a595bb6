/**
 * A data table that may be wider than a phone's screen (issue 32, item 6). It scrolls inside
 * its own region, which is reachable with Tab and named by the table's caption, so a keyboard
 * can scroll it (WCAG 2.1.1; axe's scrollable-region-focusable); the caption's words stay in
 * view and wrap to the region's width while the columns scroll beneath them (style.ts).
 */
import { esc } from './prose.js';

/** The table `inner` (its thead and tbody) under `caption`, in a scrolling region `id`. */
export function scrollingTable(id: string, caption: string, inner: string): string {
  return (
    `<div class="table-wrap" role="region" tabindex="0" aria-labelledby="${id}">` +
    `<table><caption id="${id}"><span class="cap">${esc(caption)}</span></caption>${inner}` +
    '</table></div>'
  );
}
