/**
 * The bulletin's prose as flow blocks: the introduction, each section under its heading, and
 * the conclusion, broken into lines at one body size for the column flow (flow.ts).
 */
import type { BulletinModel } from '../../model/bulletin.js';
import type { Theme } from '../../model/theme.js';
import type { Block, Run } from '../../template/markdown.js';
import { breakLines, type Measure, type TextStyle } from './lines.js';
import type { FlowBlock } from './flow.js';

export function styleOf(
  theme: Theme,
  key: keyof Theme['type'],
  color: string,
  extra: Partial<TextStyle> = {},
): TextStyle & { leading: number } {
  const t = theme.type[key];
  return { family: t.family, size: t.size, color, leading: t.leading, ...extra };
}

/** A block's paragraphs: its runs, or one per list item behind a bullet. */
export function blockRuns(b: Block): Run[][] {
  if (b.kind === 'list') return b.items.map((item) => [{ text: '• ' }, ...item]);
  return [b.runs];
}

/** Turns the model's prose into flow blocks at one body size. */
export function flowContent(
  model: BulletinModel,
  theme: Theme,
  body: { body: number; leading: number },
  width: number,
  measure: Measure,
): FlowBlock[] {
  const bodyStyle: TextStyle = {
    family: theme.type.body.family,
    size: body.body,
    color: theme.colors.ink,
  };
  const h = theme.type.heading;
  const headStyle: TextStyle = {
    family: h.family,
    size: h.size,
    color: theme.colors.accent,
    bold: true,
  };
  const out: FlowBlock[] = [];
  const paras = (blocks: Block[], where: string) => {
    for (const b of blocks) {
      for (const runs of blockRuns(b)) {
        const afterHeading = out[out.length - 1]?.kind === 'heading';
        out.push({
          kind: 'para',
          lines: breakLines(runs, bodyStyle, width, measure),
          leading: body.leading,
          before: afterHeading ? 2 : body.leading * 0.5,
          where,
          section,
        });
      }
    }
  };
  let section = 0;
  const heading = (text: string) =>
    out.push({
      kind: 'heading',
      lines: breakLines([{ text: text.toUpperCase() }], headStyle, width, measure),
      leading: h.leading,
      before: body.leading * 1.1,
      where: `section "${text}"`,
      section,
    });
  paras(model.intro, 'introduction');
  for (const s of model.sections) {
    section++;
    heading(s.heading);
    paras(s.blocks, `section "${s.heading}"`);
  }
  section++;
  heading(model.conclusion.heading);
  paras(model.conclusion.blocks, 'conclusion');
  return out;
}
