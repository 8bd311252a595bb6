/**
 * numberFormat: the Excel number format a native (PPTX) chart writes its value labels with,
 * so a deck's chart says each figure exactly as the text does. Pure; shared by the deck
 * adapters (src/compose/pptx/native-charts.ts, src/charts/native.ts).
 */
import { currencyAffixes } from '../template/filters.js';
import type { Unit } from './currency.js';

/** Excel text literal: quoted, with quotes doubled away. */
const literal = (t: string) => (t ? `"${t.replace(/"/g, "'")}"` : '');

/** The scale word the locale uses at a magnitude ("million"), as `scaled` writes it. */
function scaleWord(magnitude: number, locale: string): string {
  const parts = new Intl.NumberFormat(locale, {
    notation: 'compact',
    compactDisplay: 'long',
  }).formatToParts(2 * magnitude);
  return parts.find((p) => p.type === 'compact')?.value ?? '';
}

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
    return `#,##0${places ? `.${'0'.repeat(places)}` : ''}${commas}${literal(`\u00a0${word}`)}`;
  }
  return '#,##0';
}

/**
 * An Excel number format that writes every value as the prose and the PNG do, in the
 * unit's own currency spelt as the locale spells it ("FJD 95 million", "WST 1.15 million",
 * "A$2.6 million", never "FJD 95.00 million"); the chart's cells keep the dataset's own
 * figures, so an analyst who edits the data edits real numbers. Values needing different
 * decimals get their own section, chosen by value range ([<t]…;[<u]…;…): Excel allows three.
 * Beyond three, every value is written in full, exact but unscaled.
 */
export function numberFormat(unit: Unit, values: number[], locale: string): string {
  const affix =
    unit.kind === 'money' ? currencyAffixes(unit.currency, locale) : { prefix: '', suffix: '' };
  const approx = unit.kind === 'money' && unit.converted ? '≈' : '';
  const wrap = (section: string) =>
    `${literal(`${approx}${affix.prefix}`)}${section}${literal(affix.suffix)}`;
  const shown =
    unit.kind === 'money' && unit.converted ? values.map((v) => Number(v.toPrecision(3))) : values;
  const sorted = [...new Set(shown)].sort((a, b) => a - b);
  const runs: { from: number; section: string }[] = [];
  for (const v of sorted) {
    const section = sectionFor(v, locale);
    if (runs[runs.length - 1]?.section !== section) runs.push({ from: v, section });
  }
  if (runs.length <= 1) return wrap(runs[0]?.section ?? '#,##0');
  if (runs.length > 3) return wrap('#,##0');
  return runs
    .map((r, i) =>
      i < runs.length - 1 ? `[<${runs[i + 1]!.from}]${wrap(r.section)}` : wrap(r.section),
    )
    .join(';');
}
