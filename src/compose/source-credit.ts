/**
 * How a chart's source line names a source: its author and publisher, a name given for both
 * printed once ("Pacific Recovery Secretariat", not "Pacific Recovery Secretariat, Pacific
 * Recovery Secretariat"), or its title when it names neither. Pure; shared by PDF and web.
 */
export function sourceCredit(s: { author?: string; publisher?: string; title: string }): string {
  const names = [...new Set([s.author, s.publisher].map((n) => n?.trim() ?? ''))];
  return names.filter(Boolean).join(', ') || s.title;
}
