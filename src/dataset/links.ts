/**
 * The one check for link targets, for URLs in the data and links written in templates alike:
 * only web and mail links. A PDF viewer would run `javascript:`, open `file:` paths or start
 * programs with `launch:`; a bulletin has no reason to link anywhere but the web.
 */
import { z } from 'zod';

const SAFE_PROTOCOL = /^(https?|mailto)$/;

export const LINK_RULE = 'links must start with https://, http:// or mailto:';

/** A URL in the data. */
export const WebUrl = z.url({ protocol: SAFE_PROTOCOL, error: `is not a web link; ${LINK_RULE}` });

/** Whether a link target (from data or a template) is one bulletin may write into a document. */
export function isWebLink(href: string): boolean {
  return WebUrl.safeParse(href).success;
}
