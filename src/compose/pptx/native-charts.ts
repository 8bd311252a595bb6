/**
 * Native (editable) chart data for the decks, built straight from the template scope.
 * Kept apart and pure on purpose: src/charts/ will later provide the same series from the
 * shared chart specs, and this file is the one to swap for it.
 */
import { money, quantity } from '../../template/filters.js';

type Rec = Record<string, unknown>;

/** One bar chart: categories, one series of values, a colour per bar and a sentence for alt text. */
export interface NativeBarChart {
  name: string;
  labels: string[];
  values: number[];
  /** Colour per bar (#-less hex), always as many as values so pptxgenjs never picks a random one. */
  colors: string[];
  /** Excel number format for the value labels (values stay the dataset's own figures). */
  format: string;
  altText: string;
  /** Each value as prose writes it ("$300 million"), for callouts. */
  display: string[];
}

interface PaletteInput {
  palette: string[];
  accent: string;
  muted: string;
}

const hex = (c: string) => c.replace(/^#/, '').toUpperCase();

/**
 * An Excel format that shows values in millions (the ",," scaling) with a prefix and suffix,
 * so the chart's cells keep the dataset's own figures; as many decimals (up to two) as the
 * most precise value needs, so a label never disagrees with the prose ("11.65 million").
 */
function millionsFormat(prefix: string, suffix: string, values: number[]): string {
  const places = Math.max(0, ...values.map((v) => [0, 1, 2].find((d) => Math.abs(Math.round((v / 1e6) * 10 ** d) - (v / 1e6) * 10 ** d) < 1e-6) ?? 2));
  const decimals = places ? `.${'0'.repeat(places)}` : '';
  return `${prefix ? `"${prefix}"` : ''}#,##0${decimals},,"${suffix}"`;
}

/**
 * Bar charts plot the first category at the bottom; we give rows largest first (for alt
 * text) and hand them to the chart reversed, so the largest bar sits at the top.
 */
function bottomUp(c: NativeBarChart): NativeBarChart {
  const rev = <T>(xs: T[]) => [...xs].reverse();
  return { ...c, labels: rev(c.labels), values: rev(c.values), colors: rev(c.colors), display: rev(c.display) };
}

/** A partner's aid with stated amounts, summed by category, largest first. */
export function aidByCategory(p: Rec, colors: PaletteInput, locale: string): NativeBarChart | null {
  const sums = new Map<string, { amount: number; currency: string }>();
  for (const m of (p.aid as Rec[]) ?? []) {
    if (typeof m.amount !== 'number' || typeof m.currency !== 'string') continue;
    const label = String(m.category_label ?? m.category);
    const prev = sums.get(label);
    if (prev && prev.currency !== m.currency) return null; // mixed currencies cannot share one axis
    sums.set(label, { amount: (prev?.amount ?? 0) + m.amount, currency: m.currency });
  }
  if (sums.size === 0) return null;
  const rows = [...sums.entries()].sort((a, b) => b[1].amount - a[1].amount);
  const currency = rows[0]![1].currency;
  const described = rows.map(([l, v]) => `${l} ${money(v.amount, v.currency, locale)}`).join('; ');
  return bottomUp({
    name: 'Aid committed',
    labels: rows.map(([l]) => l),
    values: rows.map(([, v]) => v.amount),
    colors: rows.map((_, i) => hex(colors.palette[i % colors.palette.length]!)),
    format: millionsFormat(currency, 'M', rows.map(([, v]) => v.amount)),
    display: rows.map(([, v]) => money(v.amount, v.currency, locale)),
    altText: `Bar chart: ${p.name}'s aid to Ukraine by category, in ${currency} millions; ${described}.`,
  });
}

/** One figure per peer, this partner's bar in the accent colour and the others muted. */
function compare(peers: Rec[], highlight: string, colors: PaletteInput, value: (p: Rec) => number | null, name: string, format: (values: number[]) => string, words: (p: Rec) => string, what: string): NativeBarChart | null {
  const rows = peers.flatMap((p) => {
    const v = value(p);
    return v === null ? [] : [{ p, v }];
  });
  if (rows.length < 2 || !rows.some((r) => r.p.id === highlight)) return null;
  rows.sort((a, b) => b.v - a.v);
  const self = rows.find((r) => r.p.id === highlight)!;
  return bottomUp({
    name,
    labels: rows.map((r) => String(r.p.name)),
    values: rows.map((r) => r.v),
    colors: rows.map((r) => hex(r.p.id === highlight ? colors.accent : colors.muted)),
    format: format(rows.map((r) => r.v)),
    display: rows.map((r) => words(r.p)),
    altText: `Bar chart: ${what} by partner, ${self.p.name} highlighted; ${rows.map((r) => `${r.p.name} ${words(r.p)}`).join(', ')}.`,
  });
}

/** Stated aid totals of each peer (one currency each), this partner highlighted. */
export function aidComparison(peers: Rec[], highlight: string, colors: PaletteInput, locale: string): NativeBarChart | null {
  const total = (p: Rec) => (p.aid_total as { amount: number; currency: string } | null) ?? null;
  const currencies = new Set(peers.map((p) => total(p)?.currency).filter(Boolean));
  if (currencies.size !== 1) return null;
  const [currency] = [...currencies] as string[];
  return compare(peers, highlight, colors, (p) => total(p)?.amount ?? null, 'Aid with a stated amount', (v) => millionsFormat(currency!, 'M', v), (p) => money(total(p)!.amount, currency!, locale), `aid with a stated amount, in ${currency} millions,`);
}

/** Emergency oil released by each peer, this partner highlighted. */
export function oilComparison(peers: Rec[], highlight: string, colors: PaletteInput, locale: string): NativeBarChart | null {
  const q = (p: Rec) => ((p.oil as Rec | null)?.quantity as { value: number; unit: string } | undefined) ?? null;
  const units = new Set(peers.map((p) => q(p)?.unit).filter(Boolean));
  if (units.size !== 1) return null;
  const [unit] = [...units] as string[];
  return compare(peers, highlight, colors, (p) => q(p)?.value ?? null, 'Emergency oil released', (v) => millionsFormat('', 'M', v), (p) => quantity(q(p)!, locale), `emergency oil released, in millions of ${unit},`);
}
