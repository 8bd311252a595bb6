/**
 * What makes the print edition a PDF/X-4 file (ISO 15930-7) beyond what pdfkit writes: every
 * colour set in CMYK for the printing condition, the output intent with its embedded profile
 * and registry name, the Trapped key and the PDF/X identification in the Info dictionary and
 * in the XMP metadata. pdfkit knows PDF/A and PDF/UA only, so these are hooks on one document.
 */
import { createHash } from 'node:crypto';
import { InternalError } from '../../errors.js';
import type { PrintProfile } from '../../load/icc.js';
import type { Cmyk } from './cmyk.js';
import type { Doc } from './fonts.js';
import { iso, xml } from './standards.js';

/** The PDF/X version the file claims, in the Info dictionary and the XMP. */
export const PDFX_VERSION = 'PDF/X-4';

/** A PDF name (pdfkit writes a JavaScript string primitive as a name, a String as a string). */
class PdfName {
  constructor(readonly name: string) {}
}

interface Ref {
  data: unknown;
  write(chunk: Uint8Array): void;
  end(chunk?: Uint8Array | string): void;
}
interface Internals {
  info: Record<string, unknown>;
  _root: { data: Record<string, unknown> };
  ref(data?: unknown): Ref;
  appendXML(x: string, newline?: boolean): void;
  _addInfo(): void;
  _normalizeColor(color: unknown): unknown;
}

const hex2 = (v: number) =>
  Math.round(v * 255)
    .toString(16)
    .padStart(2, '0');

/**
 * Sets every colour the page asks for in CMYK: pdfkit turns a colour into RGB components
 * (0–1), which are converted here; a spot colour (the registration colour of the marks) and a
 * CMYK array pass through. Nothing else reaches the page as RGB, text, rules and the charts
 * chart.js paints included.
 */
function cmykColours(d: Internals, toCmyk: (hex: string) => Cmyk): void {
  const normalise = d._normalizeColor.bind(d);
  d._normalizeColor = (color: unknown) => {
    const c = normalise(color);
    if (!Array.isArray(c) || c.length === 4) return c;
    if (c.length !== 3)
      throw new InternalError(`the print edition cannot set the colour ${String(color)}`);
    return toCmyk(`#${c.map(hex2).join('')}`).map((v) => v / 100);
  };
}

/** The output intent: the printing condition by its registry name, with its CMYK profile. */
function outputIntent(d: Internals, profile: PrintProfile): void {
  const icc = d.ref({ N: 4 });
  icc.write(profile.bytes);
  icc.end();
  const intent = d.ref({
    Type: 'OutputIntent',
    S: 'GTS_PDFX',
    OutputConditionIdentifier: new String(profile.identifier),
    OutputCondition: new String(profile.info),
    RegistryName: new String(profile.registry),
    Info: new String(profile.info),
    DestOutputProfile: icc,
  });
  intent.end();
  d._root.data.OutputIntents = [intent];
}

/** A stable UUID for the document's XMP (the same input builds the same bytes). */
function uuidOf(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  const parts = [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20, 32)];
  return `uuid:${parts.join('-')}`;
}

/** The XMP packet PDF/X-4 asks for (6.7.11: pdfxid, dates, title, Trapped, xmpMM ids). */
function pdfxXmp(d: Internals): void {
  d._addInfo = function addInfo(this: Internals) {
    const i = this.info as Record<string, string | Date | undefined>;
    const text = (k: string) => (typeof i[k] === 'string' ? (i[k] as string) : '');
    const created = iso(i.CreationDate as Date);
    const modified = iso((i.ModDate ?? i.CreationDate) as Date);
    const id = uuidOf(`${text('Title')}\n${created}\n${PDFX_VERSION}`);
    const seq = (tag: string, v: string) =>
      v ? `<${tag}><rdf:Seq><rdf:li>${xml(v)}</rdf:li></rdf:Seq></${tag}>` : '';
    const alt = (tag: string, v: string) =>
      v
        ? `<${tag}><rdf:Alt><rdf:li xml:lang="x-default">${xml(v)}</rdf:li></rdf:Alt></${tag}>`
        : '';
    this.appendXML(`
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:CreateDate>${created}</xmp:CreateDate>
            <xmp:ModifyDate>${modified}</xmp:ModifyDate>
            <xmp:MetadataDate>${modified}</xmp:MetadataDate>
            <xmp:CreatorTool>${xml(text('Creator'))}</xmp:CreatorTool>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            ${alt('dc:title', text('Title'))}
            ${seq('dc:creator', text('Author'))}
            ${alt('dc:description', text('Subject'))}
            <dc:format>application/pdf</dc:format>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdf:Producer>${xml(text('Producer'))}</pdf:Producer>
            <pdf:Trapped>False</pdf:Trapped>${
              text('Keywords')
                ? `\n            <pdf:Keywords>${xml(text('Keywords'))}</pdf:Keywords>`
                : ''
            }
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
            <pdfxid:GTS_PDFXVersion>${PDFX_VERSION}</pdfxid:GTS_PDFXVersion>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
            <xmpMM:DocumentID>${id}</xmpMM:DocumentID>
            <xmpMM:InstanceID>${id}</xmpMM:InstanceID>
            <xmpMM:VersionID>1</xmpMM:VersionID>
            <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
        </rdf:Description>`);
  };
}

/**
 * The Info dictionary's PDF/X keys: GTS_PDFXVersion, and Trapped as the name /False (no trap
 * annotations: the print shop traps if its press needs it). Links stay for whoever opens the
 * file, without the Print flag pdfkit gives them: on press, only printer's marks and trap
 * networks may be annotations that print, and a link has nothing to print.
 */
function pdfxObjects(d: Internals): void {
  d.info.GTS_PDFXVersion = PDFX_VERSION;
  d.info.Trapped = new PdfName('False');
  const make = d.ref.bind(d);
  d.ref = (data?: unknown) => {
    const o = data as { Type?: unknown; Subtype?: unknown; F?: unknown } | undefined;
    if (o?.Type === 'Annot' && o.Subtype === 'Link') delete o.F;
    return make(data instanceof PdfName ? data.name : data);
  };
}

/** Makes `doc` a PDF/X-4 file for `profile`'s printing condition, its colours through `toCmyk`. */
export function makePdfx(doc: Doc, profile: PrintProfile, toCmyk: (hex: string) => Cmyk): void {
  const d = doc as unknown as Internals;
  cmykColours(d, toCmyk);
  pdfxObjects(d);
  pdfxXmp(d);
  outputIntent(d, profile);
}
