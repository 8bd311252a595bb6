/**
 * The PDF options of a build (issue 34): the paper, the bleed, and which editions it writes,
 * with the print edition's CMYK profile read for the theme's printing condition.
 */
import type { BuildOptions } from './build-types.js';
import type { BuildContext } from './compose/types.js';
import { loadPrintProfile } from './load/icc.js';
import type { ResolvedTheme } from './model/theme.js';

export async function pdfEditions(
  options: BuildOptions,
  theme: ResolvedTheme,
): Promise<Pick<BuildContext, 'print' | 'editions'>> {
  const edition = options.edition ?? 'screen';
  const profile =
    edition === 'screen'
      ? undefined
      : await loadPrintProfile(theme.theme.print?.condition ?? 'FOGRA39');
  return {
    // --paper equal to the theme's own size is no change: the same bytes, so not stale.
    print: {
      ...(options.paper && options.paper !== theme.theme.page.size ? { paper: options.paper } : {}),
      bleed: options.bleed ?? false,
    },
    editions: {
      screen: edition !== 'print',
      ...(profile ? { print: { profile, marks: options.marks ?? false } } : {}),
    },
  };
}
