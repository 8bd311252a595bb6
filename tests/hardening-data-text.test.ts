/**
 * Data text is text (issue 31, item 11): Markdown and autolinks in a data field print as the
 * characters they are in the web edition and the PDF — no link, no bold — while the prose
 * templates' own Markdown still works. Through the built CLI; BULLETIN_BIN runs another build.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dataWith, pdfReadingText, tempDir } from './helpers.js';

const BIN = process.env.BULLETIN_BIN ?? 'dist/cli/bin.js';
const NAME = '[Japan](https://evil.example/login) **bold** <https://evil.example>';

/** Every link annotation's URL in a PDF, read with pdfjs. */
async function pdfLinks(file: string): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  const urls: string[] = [];
  for (let n = 1; n <= doc.numPages; n++)
    for (const a of await (await doc.getPage(n)).getAnnotations())
      if (a.url || a.unsafeUrl) urls.push(String(a.url ?? a.unsafeUrl));
  await doc.destroy();
  return urls;
}

describe('Markdown in data', () => {
  it('a partner named like a Markdown link makes no link, bold or autolink anywhere', async () => {
    const data = dataWith([['"name": "Japan"', `"name": ${JSON.stringify(NAME)}`]]);
    const out = tempDir('h3-md-');
    const r = spawnSync(
      'node',
      [BIN, 'build', '--data', data, '--only', 'pdf', '--only', 'html', '--out', out],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(path.join(out, 'bulletin.html'), 'utf8');
    expect(html.match(/href="[^"]*evil[^"]*"/g) ?? []).toEqual([]);
    expect(html).not.toContain('<strong>bold</strong>');
    expect(html).toContain(
      '[Japan](https://evil.example/login) **bold** &lt;https://evil.example&gt;',
    );
    expect(
      (await pdfLinks(path.join(out, 'bulletin.pdf'))).filter((u) => u.includes('evil')),
    ).toEqual([]);
    expect(pdfReadingText(path.join(out, 'bulletin.pdf'))).toContain('[Japan](https://evil.');
  }, 180_000);

  // A source with a link and one without print their titles by different code (a survivor of
  // bench/mutation/named.mjs: the seed's source has no URL, so the linked title went unchecked).
  it.each([
    ['without a link', []],
    [
      'with a link',
      [['"author": "Kimery Lynch",', '"author": "Kimery Lynch", "url": "https://example.org/a",']],
    ],
  ] as const)(
    'a source title (%s) and a partner name that close a script are escaped in every place',
    (_, link) => {
      // Each escape on its own: the page's text, the source list and the embedded JSON
      // (issue 31: removing the "<" escape of the embedded JSON, or of source titles, passed).
      const close = '</script><script>alert(1)</script>';
      const data = dataWith([
        [
          '"title": "NATO’s Asia-Pacific Partners & Their Ukraine Response: Why',
          `"title": "Title ${close}: Why`,
        ],
        ['"name": "Japan"', `"name": "J ${close}"`],
        ...link.map(([a, b]) => [a, b] as [string, string]),
      ]);
      const out = tempDir('h3-esc-');
      const r = spawnSync('node', [BIN, 'build', '--data', data, '--only', 'html', '--out', out], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.status, r.stderr).toBe(0);
      const html = readFileSync(path.join(out, 'bulletin.html'), 'utf8');
      expect(html).not.toContain('<script>alert(1)');
      const json =
        /<script type="application\/json" id="bulletin-sources">([\s\S]*?)<\/script>/.exec(
          html,
        )?.[1];
      expect(json).toContain('\\u003c/script>\\u003cscript>alert(1)');
      expect(
        (html.match(/&lt;\/script&gt;&lt;script&gt;alert\(1\)/g) ?? []).length,
      ).toBeGreaterThan(2);
    },
    180_000,
  );
});
