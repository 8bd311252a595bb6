/**
 * Our slide kinds on an organisation's layouts. Each role (frame.ts) takes the template's
 * layout whose placeholders fit it — a title slide (title + subtitle) for the cover, title +
 * one content placeholder for text, title + two for a chart beside its commentary, title only
 * for our own rows — looking first at the master the template's own slides use, and deck.json
 * may name a layout per slide kind instead. The boxes are the layout's placeholders, or the
 * master's where a layout placeholder inherits its position (as LibreOffice writes them).
 */
import { InputError, type Problem } from '../../../errors.js';
import type { SlideKind } from '../../../model/deck-config.js';
import type { DeckFrame, Role, SlidePlan } from '../frame.js';
import type { Box } from '../text.js';
import type { DeckTemplate, TemplateLayout, TemplatePlaceholder } from './read.js';
import { blockers, clearOf, clearShare } from './clear.js';
import { fillsBehind, titleLook as lookOf } from './title.js';
import { byRoom, roomy } from './fallback.js';

/**
 * A plan on a template layout: which layout part the slide uses and how its body placeholder
 * is written.
 */
export interface TemplatePlan extends SlidePlan {
  part: string;
  /** The `<p:ph …/>` of the placeholder the slide's body fills. */
  bodyPh: string;
  /** Why the title colour was changed, when it was (a build warning). */
  problem?: string;
}

const EMU_PER_INCH = 914_400;
const isTitle = (p: TemplatePlaceholder) => p.type === 'title' || p.type === 'ctrTitle';
const CONTENT = new Set(['obj', 'body', 'pic', 'chart', 'tbl', 'dgm', 'media', 'clipArt']);
const isContent = (p: TemplatePlaceholder) => CONTENT.has(p.type);
const contents = (l: TemplateLayout) => l.placeholders.filter(isContent);
const hasTitle = (l: TemplateLayout) => l.placeholders.some(isTitle);

/** What each role looks for, best first. */
const WANTS: Record<Role, ((l: TemplateLayout) => boolean)[]> = {
  cover: [
    (l) => l.type === 'title' && hasTitle(l),
    (l) => l.placeholders.some((p) => p.type === 'ctrTitle'),
    (l) => hasTitle(l) && l.placeholders.some((p) => p.type === 'subTitle'),
  ],
  content: [
    (l) => l.type === 'obj' && hasTitle(l) && contents(l).length === 1,
    (l) => hasTitle(l) && contents(l).length === 1,
    // Layouts without a content placeholder (the master's body then gives the box).
    (l) =>
      hasTitle(l) &&
      l.type !== 'title' &&
      !l.placeholders.some((p) => p.type === 'ctrTitle' || p.type === 'subTitle'),
  ],
  side: [
    (l) => l.type === 'twoObj' && hasTitle(l) && contents(l).length >= 2,
    (l) => hasTitle(l) && contents(l).length === 2,
  ],
  quote: [],
  titleOnly: [
    (l) => l.type === 'titleOnly' && hasTitle(l),
    (l) => hasTitle(l) && contents(l).length === 0 && l.placeholders.length <= 4,
  ],
};
/** Where a role looks when nothing fits it. */
const FALLBACK: Record<Role, Role | null> = {
  cover: 'content',
  content: null,
  side: 'content',
  quote: 'content',
  titleOnly: 'content',
};

/** Layouts of the preferred master first, then the rest in the template's order. */
function ordered(tpl: DeckTemplate, role: Role): TemplateLayout[] {
  const master = role === 'cover' ? tpl.preferred.cover : tpl.preferred.content;
  return [
    ...tpl.layouts.filter((l) => l.master === master),
    ...tpl.layouts.filter((l) => l.master !== master),
  ];
}

/** The share of a layout's content area clear of pictures and dark shapes (1 when it has none). */
function clearness(tpl: DeckTemplate, l: TemplateLayout): number {
  const obstacles = blockers(tpl, l);
  const shares = l.placeholders
    .filter((p) => isContent(p) || p.type === 'subTitle')
    .map((p) => boxOf(tpl, l, p))
    .map((box) => (box ? clearShare(box, obstacles) : 1));
  return Math.min(1, ...shares);
}

/**
 * The master content slides use: the one the template's own content slide uses, unless its
 * text and two-content layouts run over pictures or dark shapes; then the first master whose
 * layouts are clear. One master for every content slide keeps the deck consistent.
 */
function homeMaster(tpl: DeckTemplate): string {
  for (const m of [tpl.preferred.content, ...tpl.masters]) {
    const own = tpl.layouts.filter((l) => l.master === m);
    const text = own.find((l) => hasTitle(l) && contents(l).length === 1);
    const two = own.find((l) => hasTitle(l) && contents(l).length >= 2);
    if (text && [text, two].every((l) => !l || clearness(tpl, l) >= 0.6)) return m;
  }
  return tpl.preferred.content;
}

function pick(tpl: DeckTemplate, role: Role, cover?: TemplateLayout): TemplateLayout {
  const layouts = ordered(tpl, role);
  for (const want of WANTS[role]) {
    // A layout whose content area is mostly clear beats one set over an illustration, and
    // a text slide does not take the cover's layout while another will do (a deck saved
    // from our own has title and body on every layout, the cover's first).
    const suits = layouts.filter(want);
    const fits = suits.length > 1 ? suits.filter((l) => l !== cover) : suits;
    const found = fits.find((l) => clearness(tpl, l) >= 0.6) ?? fits[0];
    if (found) return found;
  }
  const next = FALLBACK[role];
  if (next) return pick(tpl, next, cover);
  // Any layout with a title: the reader checked that one exists.
  return layouts.find(hasTitle) ?? (layouts[0] as TemplateLayout);
}

/** A placeholder's box, or its master's of the same kind where the layout inherits it. */
function boxOf(tpl: DeckTemplate, l: TemplateLayout, p: TemplatePlaceholder): Box | null {
  if (p.box) return p.box;
  const kind = isTitle(p) ? 'title' : 'body';
  const m = tpl.masterPlaceholders.get(l.master) ?? [];
  return m.find((x) => (kind === 'title' ? isTitle(x) : x.type === 'body'))?.box ?? null;
}

/** A box kept on the slide, a small margin from its edges (some layouts run off the slide). */
function onSlide(b: Box, W: number, H: number): Box {
  const m = Math.min(W, H) * 0.03;
  if (b.x >= m && b.y >= m && b.x + b.w <= W - m && b.y + b.h <= H - m) return b;
  const x = Math.max(b.x, m);
  const y = Math.max(b.y, m);
  return { x, y, w: Math.min(b.x + b.w, W - m) - x, h: Math.min(b.y + b.h, H - m) - y };
}

/**
 * A content box starts below the title where the two would overlap (a master's body under a
 * lower title).
 */
function belowTitle(b: Box, title: Box): Box {
  const bottom = title.y + title.h;
  const across = b.x < title.x + title.w && title.x < b.x + b.w;
  if (!across || b.y >= bottom || b.y + b.h <= bottom) return b;
  const y = bottom + 0.15;
  return { ...b, y, h: b.y + b.h - y };
}

const withLook = ({ look, box, problem }: ReturnType<typeof lookOf>) => ({
  title: box,
  titleLook: look,
  ...(problem ? { problem } : {}),
});

/** The boxes of one layout for one role. */
function planOn(tpl: DeckTemplate, l: TemplateLayout, role: Role): TemplatePlan {
  const W = tpl.size.cx / EMU_PER_INCH;
  const H = tpl.size.cy / EMU_PER_INCH;
  const titlePh = l.placeholders.find(isTitle);
  const masterTitle = (tpl.masterPlaceholders.get(l.master) ?? []).find(isTitle);
  const title = (titlePh && boxOf(tpl, l, titlePh)) ??
    masterTitle?.box ?? { x: W * 0.07, y: H * 0.05, w: W * 0.86, h: H * 0.17 };
  const below: Box = {
    x: title.x,
    y: title.y + title.h + H * 0.03,
    w: title.w,
    h: Math.max(H * 0.2, H * 0.9 - (title.y + title.h + H * 0.03)),
  };
  const masterBody = (tpl.masterPlaceholders.get(l.master) ?? []).find((x) => x.type === 'body');
  const bodies = (
    role === 'cover'
      ? l.placeholders.filter((p) => p.type === 'subTitle' || isContent(p))
      : contents(l)
  )
    .map((p) => ({ p, box: boxOf(tpl, l, p) }))
    .filter((b): b is { p: TemplatePlaceholder; box: Box } => b.box !== null)
    .sort((a, b) => a.box.x - b.box.x);
  // Body text, charts and figures keep off the layout's pictures and dark shapes.
  const obstacles = blockers(tpl, l);
  const clear = (raw: Box) => {
    const b = belowTitle(onSlide(raw, W, H), title);
    const c = clearOf(b, obstacles);
    return c && c.w * c.h >= 0.3 * b.w * b.h ? c : b;
  };
  const clearBodies = bodies.map(({ p, box }) => ({ p, box: clear(box) }));
  const first = clearBodies[0];
  const last = clearBodies[clearBodies.length - 1];
  const area = first?.box ?? clear(masterBody?.box ?? below);
  // Two content placeholders: chart in the left, commentary in the right; one: split it.
  const gap = Math.min(0.4, area.w * 0.04);
  const twoUp = first !== undefined && last !== undefined && first !== last;
  const chart = twoUp ? first.box : { ...area, w: area.w * 0.56 - gap / 2 };
  const side = twoUp
    ? last.box
    : { ...area, x: area.x + area.w * 0.56 + gap / 2, w: area.w * 0.44 - gap / 2 };
  const ph = role === 'side' && twoUp ? last.p : first?.p;
  const idx = ph?.idx ?? (role === 'side' && twoUp ? '2' : '1');
  // No content placeholder on the layout: the slide's body inherits from the master's body.
  const type = !ph ? ' type="body"' : ph.type !== 'obj' ? ` type="${ph.type}"` : '';
  return {
    layout: `template:${role}:${l.part}`,
    part: l.part,
    bodyPh: `<p:ph${type} idx="${idx}"/>`,
    source: `the layout "${l.name}" of ${tpl.file}`,
    ...withLook(lookOf(tpl, l, title)),
    ...(role === 'cover' ? { bodyFills: fillsBehind(tpl, l, area) } : {}),
    body: area,
    chart,
    side,
    aside: null,
  };
}

/** Finds a layout named in deck.json, on the preferred master first. */
function named(tpl: DeckTemplate, role: Role, name: string): TemplateLayout | undefined {
  return ordered(tpl, role).find((l) => l.name === name);
}

/** Plans for every role and every overridden kind, checked against the template's layout names. */
export function templateFrame(
  template: DeckTemplate,
  overrides: Partial<Record<SlideKind, string>>,
  deckFile: string,
): DeckFrame & { plans: TemplatePlan[]; problems: string[] } {
  const tpl = { ...template, preferred: { ...template.preferred, content: homeMaster(template) } };
  const plans = new Map<string, TemplatePlan>();
  const problems: Problem[] = [];
  const roles: Role[] = ['cover', 'content', 'side', 'quote', 'titleOnly'];
  const cover = pick(tpl, 'cover');
  const room = (l: TemplateLayout) => ({
    W: tpl.size.cx / EMU_PER_INCH,
    H: tpl.size.cy / EMU_PER_INCH,
    obstacles: blockers(tpl, l),
    // Our own title box is judged on what lies behind it, as the layout's is.
    look: (title: Box) => withLook(lookOf(tpl, l, title)),
  });
  const fallbacks = new Map<Role, TemplatePlan[]>();
  for (const role of roles) {
    const chosen = role === 'cover' ? cover : pick(tpl, role, cover);
    const plan = planOn(tpl, chosen, role);
    plans.set(role, plan);
    // Other layouts that would do for the role, then our own boxes on the chosen one (for a
    // chart slide, then with more of the width for its commentary).
    const others = tpl.layouts.filter(
      (l) =>
        l !== chosen &&
        (role === 'cover' || l !== cover) &&
        [role, FALLBACK[role]].some((r) => r && WANTS[r].some((w) => w(l))),
    );
    const shares = role === 'side' ? [0.56, 0.42] : [0.56];
    const own = [false, true].flatMap((top) =>
      shares.flatMap((k) => roomy(plan, room(chosen), k, top) ?? []),
    );
    const alike = byRoom(
      others.map((l) => planOn(tpl, l, role)),
      role,
    );
    fallbacks.set(role, [...alike, ...own]);
  }
  const names = [...new Set(tpl.layouts.map((l) => `"${l.name}"`))].join(', ');
  for (const [kind, name] of Object.entries(overrides)) {
    for (const role of roles) {
      const l = named(tpl, role, name);
      if (l) plans.set(`${kind}:${role}`, planOn(tpl, l, role));
    }
    if (!named(tpl, 'content', name))
      problems.push({
        file: deckFile,
        path: `layouts.${kind}`,
        message: `no layout "${name}" in ${tpl.file}; its layouts are ${names}`,
      });
  }
  if (problems.length) throw new InputError('E_DECK_TEMPLATE', problems);
  const faces = { serif: tpl.fonts.major, sans: tpl.fonts.minor };
  const all = [...plans.values(), ...[...fallbacks.values()].flat()];
  return {
    plan: (role, kind) => (plans.get(`${kind}:${role}`) ?? plans.get(role)) as TemplatePlan,
    fallbacks: (role) => fallbacks.get(role) ?? [],
    faces,
    plans: [...new Map(all.map((p) => [p.layout, p])).values()],
    problems: [...new Set([...plans.values()].flatMap((p) => (p.problem ? [p.problem] : [])))],
  };
}
