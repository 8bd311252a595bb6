/**
 * The print edition's colours (issue 34): every sRGB colour the page uses, converted once to
 * the printing condition's CMYK by LittleCMS (lcms-wasm), with the theme's exact CMYK values
 * winning over conversion. Body text is one ink: the theme's `ink` prints 100 K unless the
 * theme says otherwise, because type set in four inks blurs when the plates are out of
 * register. Loaded only when the print edition is rebuilt.
 */
import { InternalError } from '../../errors.js';
import type { PrintProfile } from '../../load/icc.js';
import type { Theme } from '../../model/theme.js';

/** A CMYK colour in whole per cent: [cyan, magenta, yellow, black]. */
export type Cmyk = [number, number, number, number];

/** 100 K: black text and rules on the black plate alone. */
export const BLACK: Cmyk = [0, 0, 0, 100];

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

/** sRGB 16-bit CMYK (0–65535) to whole per cent. */
const percent = (v: number) => Math.round(v / 655.35);

/**
 * A function from #rrggbb to the condition's CMYK: the theme's exact values, else LittleCMS's
 * relative colorimetric transform from sRGB with black-point compensation (what a print shop's
 * own conversion of a brand colour does), each colour converted once.
 */
export async function cmykConverter(
  profile: PrintProfile,
  theme: Theme,
): Promise<(hex: string) => Cmyk> {
  const L = await import('lcms-wasm');
  const lcms = await L.instantiate();
  const out = lcms.cmsOpenProfileFromMem(new Uint8Array(profile.bytes), profile.bytes.byteLength);
  if (!out || lcms.cmsGetColorSpaceASCII(out) !== 'CMYK')
    throw new InternalError(
      `the ${profile.identifier} profile ${profile.file} is not a CMYK profile`,
    );
  const transform = lcms.cmsCreateTransform(
    lcms.cmsCreate_sRGBProfile(),
    L.TYPE_RGB_8,
    out,
    L.TYPE_CMYK_16,
    L.INTENT_RELATIVE_COLORIMETRIC,
    L.cmsFLAGS_BLACKPOINTCOMPENSATION,
  );
  if (!transform) throw new InternalError(`LittleCMS made no transform to ${profile.identifier}`);
  const known = exactCmyk(theme);
  return (hex: string) => {
    const key = hex.toLowerCase();
    const had = known.get(key);
    if (had) return had;
    const n = Number.parseInt(key.slice(1), 16);
    const rgb = new Uint8Array([n >> 16, (n >> 8) & 255, n & 255]);
    const [c = 0, m = 0, y = 0, k = 0] = Array.from(
      lcms.cmsDoTransform(transform, rgb, 1),
      percent,
    );
    const cmyk: Cmyk = [c, m, y, k];
    known.set(key, cmyk);
    return cmyk;
  };
}
