/**
 * numberFormat: the Excel number format a native (PPTX) chart writes its value labels with,
 * so a deck's chart says each figure exactly as the text does. Pure; shared by the deck
 * adapters (src/compose/pptx/native-charts.ts, src/charts/native.ts).
 */
import { currencyAffixes } from '../template/filters.js';
import { numberFormat as intlNumberFormat, remembered } from '../template/intl.js';
import type { Unit } from './currency.js';

/** Excel text literal: quoted, with quotes doubled away. */
const literal = (t: string) => (t ? `"${t.replace(/"/g, "'")}"` : '');

/**
 * The scale word the locale uses at a magnitude ("million"), as `scaled` writes it: asked for
 * every value label of every native chart, so each answer is kept (intl.ts).
 */
const scaleWord = remembered(
  (magnitude: number, locale: string) => `${magnitude}\u0000${locale}`,
  (magnitude: number, locale: string): string => {
    const parts = intlNumberFormat(locale, {
      notation: 'compact',
      compactDisplay: 'long',
    }).formatToParts(2 * magnitude);
    // Only a word that stands for this magnitude: en-IN writes 2 million as "20 lakh" and
    // ja-JP as "200万", and "1.5 lakh" on a bar worth 1.5 million misprints it tenfold.
    if (parts.find((p) => p.type === 'integer')?.value !== '2') return '';
    return parts.find((p) => p.type === 'compact')?.value ?? '';
  },
);

/**
 * The Excel section that writes one value as `scaled` does: in millions or billions with just
 * the decimals it needs ("1.15 million", "95 million"), or in full when smaller or when more
 * than three decimals would be needed ("867,000", "1,234,567").
 */
function sectionFor(v: number, locale: string): string {
  for (const [magnitude, commas] of [
    [1e9, ',,,'],
    [1e6, ',,'],
  ] as const) {
    if (Math.abs(v) < magnitude) continue;
    const scaledValue = v / magnitude;
    const places = [0, 1, 2, 3].find(
      (p) => Math.abs(Math.round(scaledValue * 10 ** p) - scaledValue * 10 ** p) < 1e-6,
    );
    if (places === undefined) break;
    const word = scaleWord(magnitude, locale);
    if (!word) break;
    return `#,##0${places ? `.${'0'.repeat(places)}` : ''}${commas}${literal(`\u00a0${word}`)}`;
  }
  return '#,##0';
}

/** Excel's condition prefix that picks exactly `group` out of `left`, or null when none can. */
function conditionFor(group: number[], left: number[]): string | null {
  const lo = Math.min(...group);
  const hi = Math.max(...group);
  const picks = (test: (v: number) => boolean) =>
    left.filter(test).length === group.length && group.every(test);
  // Ranges first: they keep working when an analyst edits a figure in PowerPoint.
  if (hi < 1e6 && picks((v) => v < 1e6)) return '[<1000000]';
  if (picks((v) => v <= hi)) return `[<=${hi}]`;
  if (picks((v) => v >= lo)) return `[>=${lo}]`;
  return group.length === 1 ? `[=${lo}]` : null;
}

/**
 * An Excel number format that writes every value as the prose and the PNG do, in the
 * unit's own currency spelt as the locale spells it ("FJD 95 million", "WST 1.15 million",
 * "A$2.6 million", never "FJD 95.00 million"); the chart's cells keep the dataset's own
 * figures, so an analyst who edits the data edits real numbers. Values needing different
 * decimals get their own section, picked by a condition ([<1000000], [<=t], [>=t], [=v]):
 * Excel allows two conditions and a default. Beyond that every value is written in full,
 * exact but unscaled.
 */
export function numberFormat(unit: Unit, values: number[], locale: string): string {
  const affix =
    unit.kind === 'money' ? currencyAffixes(unit.currency, locale) : { prefix: '', suffix: '' };
  const converted = unit.kind === 'money' && unit.converted === true;
  const approx = converted ? '≈' : '';
  const wrap = (section: string) =>
    `${literal(`${approx}${affix.prefix}`)}${section}${literal(affix.suffix)}`;
  // A converted figure is written to three significant digits, as the text writes it.
  const groups = new Map<string, number[]>();
  for (const v of [...new Set(values)].sort((a, b) => a - b)) {
    const section = sectionFor(converted ? Number(v.toPrecision(3)) : v, locale);
    groups.set(section, [...(groups.get(section) ?? []), v]);
  }
  const sections = [...groups.keys()];
  if (sections.length <= 1) return wrap(sections[0] ?? '#,##0');
  if (sections.length > 3) return wrap('#,##0');
  // The default section takes the largest group; the others need a condition each, in
  // whichever order lets every condition pick exactly its own values.
  const entries = [...groups];
  const byDefault = [...entries].sort((a, b) => b[1].length - a[1].length);
  for (const [fallback] of byDefault) {
    const others = entries.filter(([x]) => x !== fallback);
    for (const order of others.length === 2 ? [others, [...others].reverse()] : [others]) {
      let left = [...groups.values()].flat();
      const parts: string[] = [];
      for (const [section, values] of order) {
        const condition = conditionFor(values, left);
        if (!condition) break;
        parts.push(`${condition}${wrap(section)}`);
        left = left.filter((v) => !values.includes(v));
      }
      if (parts.length === order.length) return [...parts, wrap(fallback)].join(';');
    }
  }
  return wrap('#,##0');
}
