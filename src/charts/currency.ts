/**
 * Money on charts is never mixed (issue 12): amounts in different currencies share an axis,
 * a rank or a sum only after conversion at rates the dataset states; otherwise each currency
 * gets its own panel. Pure: the words and rates all come from the dataset and Intl.
 */
import type { Dataset, Rate } from '../dataset/schema.js';
import { STATED_SYMBOLS } from '../dataset/schema.js';
import { compareDates } from '../dataset/dates.js';
import { formatDate, list, money, quantity, qualifierText } from '../template/filters.js';

/**
 * How a value is written: money in one currency, or a quantity in a unit. `converted` marks
 * money converted at a stated rate: an estimate, written to three significant digits.
 */
export type Unit =
  | { kind: 'money'; currency: string; converted?: true }
  | { kind: 'quantity'; unit: string };

export const isStatedSymbol = (c: string) => (STATED_SYMBOLS as readonly string[]).includes(c);

/** A row's value after its qualifier: "up to JP¥165 billion", as the source hedged it. */
export function hedgedValue(v: number, unit: Unit, locale: string, hedge?: string): string {
  const lead = qualifierText(hedge);
  return `${lead ? `${lead} ` : ''}${formatValue(v, unit, locale)}`;
}

/**
 * A value in a sentence: hedged as the source hedged it, and a bare sign ("$") marked
 * "(currency not stated)", since a sentence has no panel heading to say so (gcf: Norway).
 */
export function statedValue(v: number, unit: Unit, locale: string, hedge?: string): string {
  const bare = unit.kind === 'money' && isStatedSymbol(unit.currency);
  return `${hedgedValue(v, unit, locale, hedge)}${bare ? ' (currency not stated)' : ''}`;
}

/** Formats a value in a unit with the shared filters, so figures read as in the prose. */
export function formatValue(v: number, unit: Unit, locale: string): string {
  if (unit.kind === 'quantity') return quantity({ value: v, unit: unit.unit }, locale);
  if (!unit.converted) return money(v, unit.currency, locale);
  const rounded = Number(v.toPrecision(3));
  return `≈${money(rounded, unit.currency, locale)}`;
}

// Which currency a bare sign leaves open; the note says so rather than guessing.
const SIGN_NAMES: Record<string, string> = {
  $: 'dollar',
  '£': 'pound',
  '¥': 'yen or yuan',
  '€': 'euro',
};

/** Notes a chart in these currencies needs: mixed currencies, or a bare sign. */
export function currencyNotes(currencies: readonly string[]): string[] {
  if (currencies.length > 1)
    return [
      `Amounts are in different currencies (${currencies.join(', ')}); each is shown as stated ` +
        `in its own currency and compared only with amounts in the same currency.`,
    ];
  const only = currencies[0];
  if (only && isStatedSymbol(only) && only !== '€')
    return [
      `Amounts are as stated in the source, which gives only the sign “${only}” and does not say ` +
        `which ${SIGN_NAMES[only] ?? 'currency'}.`,
    ];
  return [];
}

/** A panel's heading: "Fijian Dollar (FJD)", or "Stated as “$”" for a bare sign. */
export function currencyHeading(currency: string, locale: string): string {
  if (isStatedSymbol(currency)) return `Stated as “${currency}”`;
  const name = new Intl.DisplayNames([locale], { type: 'currency', fallback: 'code' }).of(currency);
  return name && name !== currency ? `${name} (${currency})` : currency;
}

/** The rate from one currency to another, stated directly or as its inverse; latest date wins. */
function rateBetween(rates: readonly Rate[], from: string, to: string): Rate | undefined {
  const found = rates
    .flatMap((r): Rate[] =>
      r.from === from && r.to === to
        ? [r]
        : r.from === to && r.to === from
          ? [{ ...r, from, to, rate: 1 / r.rate }]
          : [],
    )
    .sort((a, b) => compareDates(b.date, a.date));
  return found[0];
}

/** How a chart converts: into `to`, with the rate used for each other currency. */
export interface Conversion {
  to: string;
  rates: Map<string, Rate>;
}

/**
 * A conversion of these currencies into one of them (or into a currency every rate reaches),
 * or null when the dataset's rates do not cover them all. The target is the currency most
 * amounts are already in, so most figures print as stated.
 */
export function conversionFor(
  rates: readonly Rate[],
  currencies: readonly string[],
  counts: ReadonlyMap<string, number>,
): Conversion | null {
  if (currencies.length < 2 || rates.length === 0) return null;
  const candidates = [...new Set([...currencies, ...rates.flatMap((r) => [r.to, r.from])])].sort(
    (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0),
  );
  for (const to of candidates) {
    const used = new Map<string, Rate>();
    if (
      currencies.every((c) => {
        if (c === to) return true;
        const rate = rateBetween(rates, c, to);
        if (rate) used.set(c, rate);
        return rate !== undefined;
      })
    )
      return { to, rates: used };
  }
  return null;
}

/** The printed note for a conversion: "Converted to FJD at 1 WST = 0.82 FJD as of …". */
export function conversionNote(conv: Conversion, d: Dataset): string {
  const locale = d.bulletin.locale;
  const titles = new Map(d.sources.map((s) => [s.id, s.title]));
  const parts = [...conv.rates.values()].map(
    (r) =>
      `1 ${r.from} = ` +
      `${new Intl.NumberFormat(locale, { maximumSignificantDigits: 6 }).format(r.rate)} ${r.to} ` +
      `as of ${formatDate(r.date, locale)}`,
  );
  const sources = [...new Set([...conv.rates.values()].map((r) => titles.get(r.cite.source)))];
  return `Amounts in other currencies are converted to ${conv.to} at ${list(parts, locale)} (rates from ${list(
    sources.filter((s): s is string => s !== undefined),
    locale,
  )}); converted figures are marked ≈.`;
}
