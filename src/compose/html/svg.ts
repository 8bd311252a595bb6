/**
 * Shared pieces of the web edition's charts: an SVG drawn in real <text> (chart.js's SVG
 * draws glyphs as outlines, which neither screen readers nor find-in-page can read), sized
 * by its viewBox so it scales with the column, coloured through CSS custom properties so
 * dark mode and print re-colour it without a second drawing.
 */
import { esc } from './prose.js';

/** Width of every chart's viewBox; text sizes below are in the same units. */
export const VIEW_W = 400;
export const FONT = 15;
export const SMALL = 14;

/** A deterministic text width estimate (no font metrics on the server): 0.55 em a character. */
export const textWidth = (text: string, size: number): number => text.length * size * 0.55;

/**
 * Words broken into lines no wider than `width` (a word longer than the line keeps its own line).
 */
export function wrapText(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Rounds coordinates so the bytes do not carry float noise. */
export const n = (v: number): string => String(Math.round(v * 10) / 10);

/** The <svg> wrapper: role img, named by its <title> and described by its <desc>. */
export function svgDocument(
  id: string,
  title: string,
  desc: string,
  height: number,
  body: string,
): string {
  return [
    `<svg class="chart-svg" role="img" viewBox="0 0 ${VIEW_W} ${n(height)}" aria-labelledby="${id}-title" aria-describedby="${id}-desc" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${id}-title">${esc(title)}</title>`,
    `<desc id="${id}-desc">${esc(desc)}</desc>`,
    body,
    '</svg>',
  ].join('\n');
}

/** Marker shapes per series (as in the printed timeline), so colour is never the only cue. */
export const SHAPES = ['circle', 'square', 'triangle', 'diamond'] as const;

/** One marker centred at (x, y); hollow markers are filled with the paper colour. */
export function marker(
  shape: (typeof SHAPES)[number],
  x: number,
  y: number,
  r: number,
  cls: string,
): string {
  switch (shape) {
    case 'circle':
      return `<circle class="${cls}" cx="${n(x)}" cy="${n(y)}" r="${n(r)}"/>`;
    case 'square':
      return (
        `<rect class="${cls}" x="${n(x - r)}" y="${n(y - r)}" width="${n(2 * r)}" ` +
        `height="${n(2 * r)}"/>`
      );
    case 'triangle':
      return (
        `<path class="${cls}" d="M${n(x)} ${n(y - r * 1.15)}L${n(x + r * 1.1)} ` +
        `${n(y + r * 0.85)}L${n(x - r * 1.1)} ${n(y + r * 0.85)}Z"/>`
      );
    case 'diamond':
      return (
        `<path class="${cls}" d="M${n(x)} ${n(y - r * 1.25)}L${n(x + r * 1.25)} ${n(y)}L${n(x)} ` +
        `${n(y + r * 1.25)}L${n(x - r * 1.25)} ${n(y)}Z"/>`
      );
  }
}

/** A legend as an HTML list (it reflows on a narrow screen); each key is a tiny decorative SVG. */
export function legendHtml(items: { name: string; key: string }[]): string {
  if (items.length < 2) return '';
  const li = items.map(
    (i) =>
      `<li><svg class="key" viewBox="0 0 14 14" aria-hidden="true" ` +
      `focusable="false">${i.key}</svg>${esc(i.name)}</li>`,
  );
  return `<ul class="legend" aria-hidden="true">${li.join('')}</ul>`;
}
