/**
 * The signs a build may print a currency with, in a locale. The tool's own sign comes from the
 * money filter (template/filters.ts), so verify reads what the build writes ("NZ$" for NZD
 * even in en-NZ). An amount may also be written the way another region of the same language
 * writes it ("$NZ" in French, "A$"), but never with a bare sign ("$") unless the money filter
 * writes it so: a bare "$" is an amount the data states as "$", never NZD or USD.
 */
import { currencySign } from '../template/filters.js';
import { numberFormat } from '../template/intl.js';

/** Regions whose CLDR data writes the international forms ("US$", "NZ$", "$NZ", "A$"). */
const REGIONS = ['US', 'GB', 'NZ', 'AU', 'CA', 'IE', 'DE', 'AT', 'CH', 'FR', 'BE'];
const ISO = new Set(Intl.supportedValuesOf('currency'));
const bare = (sign: string) => !/\p{L}/u.test(sign);

/** The sign Intl and the money filter print for a currency in a locale ("A$" for AUD in en-US). */
export function signOf(currency: string, locale: string): string {
  return currencySign(currency, locale);
}

function symbol(currency: string, locale: string): string | undefined {
  const parts = numberFormat(locale, { style: 'currency', currency }).formatToParts(1);
  return parts.find((p) => p.type === 'currency')?.value;
}

/** Every sign (and the code itself) an amount in `currency` may be printed with in `locale`. */
export function signsOf(currency: string, locale: string): string[] {
  const own = signOf(currency, locale);
  const out = new Set([currency, own]);
  if (!ISO.has(currency)) return [...out];
  const language = new Intl.Locale(locale).language;
  for (const region of REGIONS) {
    const s = symbol(currency, `${language}-${region}`);
    if (s && !bare(s)) out.add(s);
  }
  return [...out];
}

/** Printed sign → the data currencies printed with it. */
export function signTable(currencies: string[], locale: string): Map<string, string[]> {
  const signs = new Map<string, string[]>();
  for (const c of currencies)
    for (const sign of signsOf(c, locale)) {
      // Printed text is read with one plain space for any ("$\u00a0AU" in fr-CA).
      const s = sign.replace(/[\s\u00a0\u2000-\u200b\u202f]+/gu, ' ');
      signs.set(s, [...(signs.get(s) ?? []), c]);
    }
  return signs;
}

/** Whether the locale writes the sign after the number ("4,2 Millionen FJD"). */
export function signAfter(locale: string): boolean {
  const parts = numberFormat(locale, { style: 'currency', currency: 'EUR' }).formatToParts(1);
  return (
    parts.findIndex((p) => p.type === 'currency') > parts.findIndex((p) => p.type === 'integer')
  );
}
