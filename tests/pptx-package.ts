/**
 * Structural checks of a PPTX package, the ones PowerPoint's repair prompt is about: every
 * content-type override and every internal relationship points at a part that exists, shape ids
 * are unique on each slide, every picture and chart has alt text that says something (not a
 * file name), and every slide has speaker notes. Returns the problems found, empty when sound.
 */
import type JSZip from 'jszip';
import path from 'node:path';

const attr = (tag: string, name: string): string | undefined =>
  new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

export async function pptxProblems(zip: JSZip): Promise<string[]> {
  const parts = new Set(Object.keys(zip.files).filter((n) => !zip.files[n]!.dir));
  const text = (n: string) => zip.file(n)!.async('string');
  const bad: string[] = [];

  const types = await text('[Content_Types].xml');
  for (const m of types.matchAll(/<Override\b[^>]*>/g)) {
    const part = attr(m[0], 'PartName')!.replace(/^\//, '');
    if (!parts.has(part)) bad.push(`content type for a missing part ${part}`);
  }

  for (const rels of [...parts].filter((n) => n.endsWith('.rels'))) {
    // A .rels file in x/_rels/ resolves targets against x/.
    const base = path.posix.dirname(path.posix.dirname(rels));
    for (const m of (await text(rels)).matchAll(/<Relationship\b[^>]*>/g)) {
      const target = attr(m[0], 'Target') ?? '';
      if (attr(m[0], 'TargetMode') === 'External' || /^[a-z]+:/i.test(target)) continue;
      const resolved = target.startsWith('/')
        ? target.slice(1)
        : path.posix.normalize(path.posix.join(base, target));
      if (!parts.has(resolved)) bad.push(`${rels}: relationship to a missing part ${resolved}`);
    }
  }

  const slides = [...parts].filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
  if (slides.length === 0) bad.push('no slides');
  for (const slide of slides) {
    const xml = await text(slide);
    const ids = [...xml.matchAll(/<p:cNvPr\b[^>]*>/g)].map((m) => attr(m[0], 'id'));
    if (new Set(ids).size !== ids.length) bad.push(`${slide}: duplicate shape ids`);
    for (const m of xml.matchAll(/<p:(pic|graphicFrame)>[\s\S]*?<\/p:\1>/g)) {
      const nv = /<p:cNvPr\b[^>]*>/.exec(m[0])?.[0] ?? '';
      const alt = attr(nv, 'descr') ?? '';
      if (alt.trim().length < 15 || /\.(png|jpe?g|gif|svg)$/i.test(alt))
        bad.push(`${slide}: a ${m[1]} without meaningful alt text (${JSON.stringify(alt)})`);
    }
    const rels = slide.replace('slides/', 'slides/_rels/') + '.rels';
    const note = parts.has(rels)
      ? /Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/.exec(await text(rels))?.[1]
      : undefined;
    const notes =
      note && parts.has(`ppt/notesSlides/${note}`)
        ? [...(await text(`ppt/notesSlides/${note}`)).matchAll(/<a:t>([^<]*)<\/a:t>/g)]
            .map((t) => t[1])
            .join(' ')
        : '';
    if (notes.trim().length < 20) bad.push(`${slide}: no speaker notes`);
  }
  return bad;
}
