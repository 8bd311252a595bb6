/**
 * Puts an organisation's masters, layouts and themes into the package pptxgenjs wrote: its
 * stand-in masters go, the template's come in (with the pictures and other parts they
 * reference, renamed so nothing clashes), and each slide is rewired to the template layout
 * it was laid out on. pptxgenjs cannot open a template itself (and pptx-automizer, made for
 * filling templates, brings its own pptxgenjs 3 and picks no layouts by placeholder), so the
 * slides are written by pptxgenjs as for the house masters and grafted here.
 */
import type { ZipFiles } from '../zip.js';
import type { TemplatePlan } from './layouts.js';
import type { DeckTemplate } from './read.js';
import { kindOf, type Relationship, relationshipsIn, relsOf, resolvePart } from './sanitize.js';
import { descendants, escapeAttr, parseXml } from './xml.js';

const decoder = new TextDecoder();
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = {
  master: 'application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml',
  layout: 'application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml',
  theme: 'application/vnd.openxmlformats-officedocument.theme+xml',
};

const relationsOf = (tpl: DeckTemplate, part: string): Relationship[] => {
  const rels = tpl.parts.get(relsOf(part));
  return rels ? relationshipsIn(parseXml(decoder.decode(rels))) : [];
};

/**
 * New names for the template's parts: masters and layouts in order, themes after ours, the
 * rest prefixed. The template's parts and rels are already cut to what the decks may take
 * (template/sanitize.ts), so every relationship here is internal and its target exists.
 */
function plan(tpl: DeckTemplate): Map<string, string> {
  const names = new Map<string, string>();
  const queue = [...tpl.masters];
  let layouts = 0;
  let themes = 1;
  tpl.masters.forEach((m, i) => names.set(m, `ppt/slideMasters/slideMaster${i + 1}.xml`));
  while (queue.length) {
    const part = queue.shift() ?? '';
    for (const r of relationsOf(tpl, part)) {
      const to = r.external ? undefined : resolvePart(part, r.target);
      if (to === undefined || names.has(to) || !tpl.parts.has(to)) continue;
      const base = to.slice(to.lastIndexOf('/') + 1);
      if (kindOf(r.type) === 'slideLayout')
        names.set(to, `ppt/slideLayouts/slideLayout${++layouts}.xml`);
      else if (to.startsWith('ppt/theme/')) names.set(to, `ppt/theme/theme${++themes}.xml`);
      else names.set(to, `${to.slice(0, to.length - base.length)}template-${base}`);
      queue.push(to);
    }
  }
  return names;
}

/** A relationships part with its targets renamed (targets relative to the new owner). */
function renameRels(
  tpl: DeckTemplate,
  owner: string,
  newOwner: string,
  names: Map<string, string>,
) {
  const up = newOwner.split('/').length - 2;
  const rows = relationsOf(tpl, owner).flatMap((r) => {
    const to = r.external ? undefined : resolvePart(owner, r.target);
    const renamed = to === undefined ? undefined : names.get(to);
    if (renamed === undefined) return [];
    const target = `${'../'.repeat(up)}${renamed.split('/').slice(1).join('/')}`;
    return [
      `<Relationship Id="${escapeAttr(r.id)}" Type="${escapeAttr(r.type)}" ` +
        `Target="${escapeAttr(target)}"/>`,
    ];
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    `${rows.join('')}</Relationships>`
  );
}

/** The template's content types: Overrides by part name, Defaults by extension (lower case). */
function contentTypes(tpl: DeckTemplate) {
  const bytes = tpl.parts.get('[Content_Types].xml');
  const root = bytes ? parseXml(decoder.decode(bytes)) : undefined;
  const overrides = new Map<string, string>();
  const defaults = new Map<string, string>();
  for (const c of root?.children ?? []) {
    const type = c.attrs.ContentType;
    if (!type) continue;
    if (c.name === 'Override' && c.attrs.PartName) overrides.set(c.attrs.PartName, type);
    if (c.name === 'Default' && c.attrs.Extension)
      defaults.set(c.attrs.Extension.toLowerCase(), type);
  }
  return (part: string): string | undefined =>
    overrides.get(`/${part}`) ?? defaults.get(part.slice(part.lastIndexOf('.') + 1).toLowerCase());
}

/** Replaces the stand-in masters with the template's and points each slide at its layout. */
export async function graftTemplate(
  zip: ZipFiles,
  tpl: DeckTemplate,
  slides: TemplatePlan[],
): Promise<void> {
  for (const name of Object.keys(zip.files))
    if (/^ppt\/(slideLayouts|slideMasters)\//.test(name)) zip.remove(name);
  const names = plan(tpl);
  const contentType = contentTypes(tpl);
  let types = (await zip.file('[Content_Types].xml')?.async('string')) ?? '';
  types = types.replace(
    /<Override [^>]*PartName="\/ppt\/(slideLayouts|slideMasters)\/[^"]*"[^>]*\/>/g,
    '',
  );
  const overrides: string[] = [];
  for (const [from, to] of [...names].sort((a, b) => (a[1] < b[1] ? -1 : 1))) {
    const bytes = tpl.parts.get(from);
    if (!bytes) continue;
    zip.file(to, bytes);
    if (tpl.parts.has(relsOf(from))) zip.file(relsOf(to), renameRels(tpl, from, to, names));
    // A template that leaves a master, layout or theme untyped still gets its standard type.
    const kind = /^ppt\/(slideMasters|slideLayouts|theme)\//.exec(to)?.[1];
    const fallback =
      kind === 'slideMasters'
        ? CT.master
        : kind === 'slideLayouts'
          ? CT.layout
          : kind
            ? CT.theme
            : undefined;
    const ct = contentType(from) ?? fallback;
    const ext = to.slice(to.lastIndexOf('.') + 1).toLowerCase();
    if (ct && /\.xml$/.test(to))
      overrides.push(`<Override PartName="/${to}" ContentType="${escapeAttr(ct)}"/>`);
    else if (ct && !types.toLowerCase().includes(`extension="${ext}"`))
      types = types.replace(
        '<Override ',
        `<Default Extension="${escapeAttr(ext)}" ContentType="${escapeAttr(ct)}"/><Override `,
      );
  }
  zip.file('[Content_Types].xml', types.replace('</Types>', `${overrides.join('')}</Types>`));
  // The presentation lists the template's masters (their ids, which its layouts' ids follow).
  const pres = parseXml(decoder.decode(tpl.parts.get('ppt/presentation.xml') ?? new Uint8Array()));
  const ids = descendants(pres)
    .filter((e) => e.name === 'p:sldMasterId' && /^\d{1,10}$/.test(e.attrs.id ?? ''))
    .map((e) => e.attrs.id);
  const ours = (await zip.file('ppt/presentation.xml')?.async('string')) ?? '';
  const list = tpl.masters
    .map((_, i) => `<p:sldMasterId id="${ids[i] ?? 2147483648 + i * 100}" r:id="rIdM${i + 1}"/>`)
    .join('');
  zip.file(
    'ppt/presentation.xml',
    ours
      .replace(
        /<p:sldMasterIdLst>[\s\S]*?<\/p:sldMasterIdLst>/,
        `<p:sldMasterIdLst>${list}</p:sldMasterIdLst>`,
      )
      .replace(/<p:sldSz cx="\d+" cy="\d+"/, `<p:sldSz cx="${tpl.size.cx}" cy="${tpl.size.cy}"`),
  );
  const presRels = (await zip.file('ppt/_rels/presentation.xml.rels')?.async('string')) ?? '';
  const masterRels = tpl.masters
    .map((m, i) => {
      const target = (names.get(m) ?? '').slice(4);
      return `<Relationship Id="rIdM${i + 1}" Type="${REL}/slideMaster" Target="${target}"/>`;
    })
    .join('');
  const firstTheme = [...names.entries()].find(([, to]) => /^ppt\/theme\//.test(to))?.[1];
  zip.file(
    'ppt/_rels/presentation.xml.rels',
    presRels
      .replace(/<Relationship [^>]*\/slideMaster"[^>]*\/>/g, '')
      .replace(/(<Relationship [^>]*\/theme" Target=")[^"]*"/, (all, a) =>
        firstTheme ? `${a}${firstTheme.slice(4)}"` : all,
      )
      .replace('</Relationships>', `${masterRels}</Relationships>`),
  );
  // Each slide on its layout, its body in the layout's content placeholder.
  for (const [i, p] of slides.entries()) {
    const slide = `ppt/slides/slide${i + 1}.xml`;
    const layout = names.get(p.part) ?? '';
    const rels = (await zip.file(relsOf(slide))?.async('string')) ?? '';
    zip.file(
      relsOf(slide),
      rels.replace(/Target="\.\.\/slideLayouts\/[^"]+"/, `Target="../${layout.slice(4)}"`),
    );
    const xml = (await zip.file(slide)?.async('string')) ?? '';
    zip.file(slide, xml.replace(/<p:ph\s[^>]*type="body"[^>]*\/>/g, p.bodyPh));
  }
}
