/**
 * Every laid-out line is printed (issue 31: "a PDF fit that drops up to one line passes"): each
 * paragraph of the bulletin's prose, as the web edition prints it from the same model, is found
 * whole in the PDF's text, or split once across a page break (its start on one page, its rest
 * leading the next). And each page's running footer numbers it ("2 of 2"; a footer reading
 * "0 of 2" passed the image snapshot). Checked on the seed, the Pacific and the Green Climate
 * Fund fixtures through the built CLI.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfInfo, tempDir } from './helpers.js';

const BIN = path.resolve('dist/cli/bin.js');

const PROJECTS = {
  seed: ['data/bulletin.json', 'templates'],
  pacific: ['tests/fixtures/pacific/data/bulletin.json', 'tests/fixtures/pacific/templates'],
  gcf: ['tests/fixtures/gcf/data/bulletin.json', 'tests/fixtures/gcf/templates'],
} as const;

/** Letters and digits only: line breaks, hyphens and spacing differ between the two formats. */
const squeeze = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** The paragraphs of the web edition's article, as text. */
function paragraphs(html: string): string[] {
  const article = html.slice(html.indexOf('<article>'), html.indexOf('</article>'));
  return [...article.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/g)].map((m) =>
    (m[1] ?? '').replace(/<[^>]+>/g, '').replace(/&(\w+|#\d+);/g, (e, k) => ENTITIES[k] ?? e),
  );
}

/** Each page's text in content-stream order, which the renderer writes in reading order. */
function pages(pdf: string): string[] {
  const count = Number(pdfInfo(pdf).Pages);
  return Array.from({ length: count }, (_, i) =>
    execFileSync('pdftotext', ['-raw', '-f', `${i + 1}`, '-l', `${i + 1}`, pdf, '-'], {
      encoding: 'utf8',
    }),
  );
}

/** Whether a paragraph is printed whole on a page, or begun on one and continued atop the next. */
function printed(para: string, texts: readonly string[]): boolean {
  const p = squeeze(para);
  const flat = texts.map(squeeze);
  if (flat.some((t) => t.includes(p))) return true;
  return flat.some((t, i) => {
    const next = flat[i + 1];
    if (next === undefined) return false;
    for (let k = 1; k < p.length; k++)
      if (next.startsWith(p.slice(k)) && t.includes(p.slice(0, k))) return true;
    return false;
  });
}

describe.each(Object.entries(PROJECTS))('%s: every line laid out is printed', (name, args) => {
  const out = path.join(tempDir(`pdf-lines-${name}-`), 'out');
  execFileSync('node', [BIN, 'build', '--data', args[0], '--templates', args[1], '--out', out]);
  const texts = pages(path.join(out, 'bulletin.pdf'));

  it('prints each paragraph of the prose whole', () => {
    const paras = paragraphs(readFileSync(path.join(out, 'bulletin.html'), 'utf8'));
    expect(paras.length).toBeGreaterThan(10);
    expect(paras.filter((p) => !printed(p, texts))).toEqual([]);
  });

  it('numbers each page in its footer', () => {
    texts.forEach((t, i) => {
      const footer = t.trim().split('\n').at(-1) ?? '';
      expect(footer).toMatch(new RegExp(` ${i + 1} of ${texts.length}$`));
    });
  });
});
