/**
 * Stand-in masters for an organisation's layouts, one per plan (template/layouts.ts), so
 * pptxgenjs writes each slide's placeholders at the plan's boxes; the package step swaps them
 * for the template's own layouts (template/graft.ts).
 */
import type * as P from '../pptxgen.js';
import { placeholder } from '../master.js';
import type { TemplatePlan } from './layouts.js';

/**
 * pptxgenjs masters standing in for the template's layouts while the slides are written:
 * only the title and body placeholders, at the layout's boxes (pptxgenjs writes a slide's
 * placeholder at its master's box). The package step swaps them for the template's own.
 */
export function defineTemplateMasters(pptx: P.Pptx, plans: TemplatePlan[]): void {
  const seen = new Set<string>();
  for (const p of plans) {
    if (seen.has(p.layout)) continue;
    seen.add(p.layout);
    const role = p.layout.split(':')[1];
    const body = role === 'side' ? p.side : p.body;
    pptx.defineSlideMaster({
      title: p.layout,
      objects: [
        placeholder('title', p.title, ''),
        ...(role === 'titleOnly' ? [] : [placeholder('body', body, '')]),
      ],
    });
  }
}
