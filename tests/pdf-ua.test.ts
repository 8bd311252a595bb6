/**
 * PDF/UA-1 and PDF/A-3a, checked by real consumers (veraPDF is not packaged for Debian):
 * pikepdf reads the structure tree and the text each element holds (tests/pdf/structure.py),
 * poppler extracts the text, and Apache PDFBox Preflight judges the PDF/A rules it knows.
 * README.md ("Standards") lists which rule is checked by which tool.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { cli, dataWith, pdfText, tempDir } from './helpers.js';
import { joinLineFragments } from '../src/compose/pdf/tags.js';

interface Element {
  type: string;
  depth: number;
  text: string;
  alt?: string;
  bbox?: number[];
  objr: { subtype: string; contents: string; structParent: number | null; quadPoints: number }[];
}
interface Structure {
  elements: Element[];
  roleMap: Record<string, string>;
  nonStandard: string[];
  linkAnnotations: number;
  tabs: string[];
  annotationsWithoutStructParent: number;
  embedded: { checksumBytes: number }[];
  trueTypeLength1: Record<string, boolean>;
  metadataKeys: string[];
  xmp: string;
}

const SOURCE_URL = 'https://www.eastwestcenter.org/';
let pdf: string;
let s: Structure;

beforeAll(async () => {
  // A source with a URL and a publisher long enough that its link wraps onto a second line.
  const data = dataWith([
    [
      '"publisher": "East-West Center",\n      "format"',
      `"publisher": "East-West Center, Washington, D.C., and Honolulu, Hawai‘i",\n      "url": "${SOURCE_URL}",\n      "format"`,
    ],
  ]);
  const out = tempDir();
  const r = await cli(['build', '--out', out, '--only', 'pdf', '--data', data]);
  expect(r.code, r.err).toBe(0);
  pdf = path.join(out, 'bulletin.pdf');
  // Debian's python3 has pikepdf; a pyenv or venv python on PATH may not.
  s = JSON.parse(
    execFileSync('/usr/bin/python3', ['tests/pdf/structure.py', pdf], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    }),
  );
}, 90_000);

/** What a screen reader gets from an element: soft hyphens joined, line ends as spaces. */
const read = (e: Element) =>
  e.text
    .replace(/\u00ad/g, '')
    .replace(/\s+/g, ' ')
    .trim();

describe('structure (pikepdf)', () => {
  it('writes the ParentTree root without /Limits (ISO 32000: only below the root)', () => {
    const script =
      'import pikepdf,sys\n' +
      'p = pikepdf.open(sys.argv[1])\n' +
      'print(sorted(p.Root.StructTreeRoot.ParentTree.keys()))';
    const keys = execFileSync('/usr/bin/python3', ['-c', script, pdf], { encoding: 'utf8' });
    expect(keys.trim()).toBe("['/Nums']");
  });

  it('uses only standard structure types, or ones the RoleMap maps to them', () => {
    expect(s.nonStandard).toEqual([]);
    expect(s.roleMap).toMatchObject({ Aside: 'Sect' });
  });
  it('heading levels start at H1 and never skip a level', () => {
    const levels = s.elements.filter((e) => /^H\d$/.test(e.type)).map((e) => Number(e.type[1]));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++)
      expect(levels[i]!).toBeLessThanOrEqual(levels[i - 1]! + 1);
    expect(levels.filter((l) => l === 2).length).toBeGreaterThanOrEqual(5);
  });
  it('tagged text reads with spaces between words and no line-break hyphens', () => {
    const paras = s.elements.filter((e) => e.type === 'P' && e.text.length > 200);
    expect(paras.length).toBeGreaterThan(8);
    const all = paras.map(read).join(' ');
    expect(all).toContain(
      'NATO has been stepping up engagement with its four Asia-Pacific partners — Japan, South Korea',
    );
    expect(all).toContain('is traditionally thought of as a military alliance');
    // Words run together would make long letter runs; the longest real word here is short.
    const longest = Math.max(...all.split(/[\s—–/-]+/).map((w) => w.length));
    expect(longest).toBeLessThan(25);
    // Line-break hyphens are soft (U+00AD via ActualText), never a hard hyphen before a line end.
    expect(paras.some((e) => e.text.includes('\u00ad'))).toBe(true);
    expect(all).not.toMatch(/[a-z]- [a-z]/);
  });
  it('every link is one Link element holding its text and one annotation with /Contents and /StructParent', () => {
    const links = s.elements.filter((e) => e.type === 'Link');
    expect(links).toHaveLength(1);
    const link = links[0]!;
    expect(read(link)).toMatch(/^1\. Kimery Lynch, NATO’s Asia-Pacific Partners/);
    expect(link.objr).toHaveLength(1);
    expect(link.objr[0]).toMatchObject({ subtype: '/Link', structParent: expect.any(Number) });
    // /Contents is what a screen reader says for the link: the logical text, so the word
    // broken over the line ("Hon-" / "olulu") is one word again, and the URL.
    expect(link.text).toContain('Hon\u00ad');
    expect(link.objr[0]!.contents).toBe(`${read(link)} (${SOURCE_URL})`);
    expect(link.objr[0]!.contents).toContain('Washington, D.C., and Honolulu, Hawai‘i.');
    expect(link.objr[0]!.quadPoints).toBe(2);
    expect(s.linkAnnotations).toBe(1);
    expect(s.tabs).toEqual(['/S', '/S']);
    expect(s.annotationsWithoutStructParent).toBe(0);
  });
  it('figures have alt text and a bounding box, and sit in visual order', () => {
    const figures = s.elements.filter((e) => e.type === 'Figure');
    expect(figures).toHaveLength(3);
    for (const f of figures) {
      expect(f.alt).toBeTruthy();
      expect(f.bbox).toHaveLength(4);
      expect(f.bbox![2]!).toBeGreaterThan(f.bbox![0]!);
      expect(f.bbox![3]!).toBeGreaterThan(f.bbox![1]!);
    }
    // In the right-hand column of page 2 the aid chart sits above the oil chart, and comes first.
    const captions = s.elements.filter((e) => e.type === 'Caption').map(read);
    const aid = captions.findIndex((c) => c.startsWith('Aid to Ukraine'));
    expect(aid).toBeGreaterThanOrEqual(0);
    expect(aid).toBeLessThan(captions.findIndex((c) => c.startsWith('Oil released')));
    const right = figures.filter((f) => f.bbox![0]! > 300);
    expect(right[0]!.bbox![1]!).toBeGreaterThan(right[1]!.bbox![1]!);
  });
  it('fixes the base-spec slips: MD5 /CheckSum bytes, TrueType /Length1, no stray /length', () => {
    expect(s.embedded).toEqual([{ checksumBytes: 16 }]);
    expect(Object.values(s.trueTypeLength1).length).toBeGreaterThanOrEqual(4);
    expect(Object.values(s.trueTypeLength1).every(Boolean)).toBe(true);
    expect(s.metadataKeys).toEqual(['/Length', '/Subtype', '/Type']);
  });
  it('the XMP claims PDF/A-3a and PDF/UA-1, with the pdfuaid schema described for PDF/A', () => {
    expect(s.xmp).toMatch(
      /<pdfaid:part>3<\/pdfaid:part>\s*<pdfaid:conformance>A<\/pdfaid:conformance>/,
    );
    expect(s.xmp).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    expect(s.xmp).toMatch(
      /<pdfaSchema:namespaceURI>http:\/\/www\.aiim\.org\/pdfua\/ns\/id\/<\/pdfaSchema:namespaceURI>/,
    );
  });
});

describe('link descriptions', () => {
  it('join a line-break hyphen without hyphen or space, and keep a real hyphen and its space', () => {
    expect(joinLineFragments(['and Hon\u00ad', 'olulu, Hawai‘i.'])).toBe('and Honolulu, Hawai‘i.');
    expect(joinLineFragments(['the well-es\u00ad', 'tablished'])).toBe('the well-established');
    expect(joinLineFragments(['pre-', 'and post-war', 'aid'])).toBe('pre- and post-war aid');
  });
});

describe('text (poppler)', () => {
  it('extracts words with spaces and line breaks as soft hyphens', () => {
    const text = pdfText(pdf);
    expect(text).toContain(
      'NATO has been stepping up engagement with its four Asia-Pacific partners',
    );
    expect(text).toMatch(/[a-z]\u00ad\n[a-z]/);
    expect(text).not.toMatch(/[a-z]-\n[a-z]/);
  });
});

/** PDFBox 2's Preflight knows PDF/A-1b only; these rules are PDF/A-1's and PDF/A-3 lifts them. */
const PDFA1_ONLY: Record<string, string> = {
  '1.2.9': 'embedded files (allowed as associated files in PDF/A-3)',
  '1.4.7': 'embedded files in the Names tree (allowed in PDF/A-3)',
  '2.2.1': 'transparency groups (allowed since PDF/A-2)',
  '4.1.1': 'soft masks (allowed since PDF/A-2)',
  '3.1.11': 'CIDSet (optional since PDF/A-2)',
  '7.11.2': 'pdfaid:part must be 1',
};
const JARS = [
  'preflight',
  'pdfbox2',
  'fontbox2',
  'xmpbox',
  'commons-logging',
  'javax.activation',
  'jaxb-api',
];

describe('PDF/A (Apache PDFBox Preflight)', () => {
  it('finds nothing wrong beyond the rules PDF/A-3 relaxes', () => {
    const cp = JARS.map((j) => `/usr/share/java/${j}.jar`).join(':');
    const r = spawnSync('java', ['-cp', cp, 'org.apache.pdfbox.preflight.Validator_A1b', pdf], {
      encoding: 'utf8',
    });
    const out = r.stdout + r.stderr;
    expect(out, out).toMatch(/is not a valid PDF\/A-1b file|is a valid PDF\/A-1b file/);
    const errors = out
      .split('\n')
      .map((l) => /^(\d+(?:\.\d+)+) : (.*)$/.exec(l.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .filter((m) => !(m[1]! in PDFA1_ONLY))
      .map((m) => `${m[1]} ${m[2]!.slice(0, 160)}`);
    expect(errors).toEqual([]);
  }, 60_000);
});
