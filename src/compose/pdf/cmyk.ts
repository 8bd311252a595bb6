/**
 * The print edition's colours (issue 34): every sRGB colour the page uses, converted once to
 * the printing condition's CMYK by LittleCMS (lcms-wasm), with the theme's exact CMYK values
 * winning over conversion. Text and hairlines are one ink: the theme's `ink` prints 100 K,
 * and its greys for small text and rules (`muted`, `rule`) a tint of black as light on press
 * as their conversion, unless the theme says otherwise, because type and hairlines set in
 * four inks blur when the plates are out of register. Loaded only when the print edition is
 * rebuilt.
 */
import { InternalError } from '../../errors.js';
import { loadColourEngine } from '../../resources.js';
import type { PrintProfile } from '../../load/icc.js';
import type { Theme } from '../../model/theme.js';

/** A CMYK colour in whole per cent: [cyan, magenta, yellow, black]. */
export type Cmyk = [number, number, number, number];

/** 100 K: black text and rules on the black plate alone. */
export const BLACK: Cmyk = [0, 0, 0, 100];

/** Theme colours that print on the black plate alone, as a tint matched in lightness. */
const BLACK_TINTS = ['muted', 'rule'] as const;

/** The exact CMYK the theme asks for, by #rrggbb (names of `colors` resolved). */
export function exactCmyk(theme: Theme): Map<string, Cmyk> {
  const exact = new Map<string, Cmyk>([
    ['#000000', BLACK],
    [theme.colors.ink.toLowerCase(), BLACK],
  ]);
  for (const [key, value] of Object.entries(theme.print?.cmyk ?? {})) {
    const hex = key.startsWith('#') ? key : theme.colors[key as keyof Theme['colors']];
    exact.set(hex.toLowerCase(), value as Cmyk);
  }
  return exact;
}

/** 16-bit CMYK (0–65535) to whole per cent, and back. */
const percent = (v: number) => Math.round(v / 655.35);
const to16 = (cmyk: Cmyk) => new Uint16Array(cmyk.map((v) => Math.round(v * 655.35)));

/** The index of the value in `ramp` nearest `target`. */
const nearest = (ramp: number[], target: number) =>
  ramp.reduce(
    (best, v, i) => (Math.abs(v - target) < Math.abs((ramp[best] ?? 0) - target) ? i : best),
    0,
  );

/**
 * A function from #rrggbb to the condition's CMYK: the theme's exact values, else LittleCMS's
 * relative colorimetric transform from sRGB with black-point compensation (what a print shop's
 * own conversion of a brand colour does), each colour converted once.
 */
export async function cmykConverter(
  profile: PrintProfile,
  theme: Theme,
): Promise<(hex: string) => Cmyk> {
  const L = await loadColourEngine();
  const lcms = await L.instantiate();
  const out = lcms.cmsOpenProfileFromMem(new Uint8Array(profile.bytes), profile.bytes.byteLength);
  if (!out || lcms.cmsGetColorSpaceASCII(out) !== 'CMYK')
    throw new InternalError(
      `the ${profile.identifier} profile ${profile.file} is not a CMYK profile`,
    );
  const relative = L.INTENT_RELATIVE_COLORIMETRIC;
  // A page has a few dozen colours: evaluating the profiles for each beats precalculating a
  // table for every RGB value (and is exact, not interpolated from that table).
  const exact = L.cmsFLAGS_NOOPTIMIZE;
  const transform = lcms.cmsCreateTransform(
    lcms.cmsCreate_sRGBProfile(),
    L.TYPE_RGB_8,
    out,
    L.TYPE_CMYK_16,
    relative,
    L.cmsFLAGS_BLACKPOINTCOMPENSATION | exact,
  );
  // How light a CMYK colour prints (L*, 0–100), to match a black tint to a converted grey.
  const lab = lcms.cmsCreateLab4Profile(null);
  const toLab = lcms.cmsCreateTransform(out, L.TYPE_CMYK_16, lab, L.TYPE_Lab_16, relative, exact);
  if (!transform || !toLab)
    throw new InternalError(`LittleCMS made no transform for ${profile.identifier}`);
  const convert = (hex: string): Cmyk => {
    const n = Number.parseInt(hex.slice(1), 16);
    const rgb = new Uint8Array([n >> 16, (n >> 8) & 255, n & 255]);
    const [c = 0, m = 0, y = 0, k = 0] = Array.from(
      lcms.cmsDoTransform(transform, rgb, 1),
      percent,
    );
    return [c, m, y, k];
  };
  const lightness = (cmyk: Cmyk) => (lcms.cmsDoTransform(toLab, to16(cmyk), 1)[0] ?? 0) / 655.35;
  const ramp = Array.from({ length: 101 }, (_, k) => lightness([0, 0, 0, k]));
  const known = exactCmyk(theme);
  for (const name of BLACK_TINTS) {
    const hex = theme.colors[name].toLowerCase();
    if (!known.has(hex)) known.set(hex, [0, 0, 0, nearest(ramp, lightness(convert(hex)))]);
  }
  return (hex: string) => {
    const key = hex.toLowerCase();
    const cmyk = known.get(key) ?? convert(key);
    known.set(key, cmyk);
    return cmyk;
  };
}
