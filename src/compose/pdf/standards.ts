/**
 * PDF/A-3b details pdfkit leaves to us: XMP metadata with XML-escaped values (pdfkit writes
 * the title raw, so "&" makes the XMP invalid) and dates that match the Info dictionary;
 * and the source data embedded as an associated file (PDF/A-3 allows attachments).
 */
import type { Doc } from './fonts.js';

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const iso = (d: Date) => `${d.toISOString().split('.')[0]}Z`;

interface Info {
  Title?: string;
  Author?: string;
  Subject?: string;
  Keywords?: string;
  Creator?: string;
  Producer?: string;
  CreationDate: Date;
  ModDate?: Date;
}

/** Replaces pdfkit's XMP writer on this document with one that escapes its values. */
export function escapeXmp(doc: Doc): void {
  const d = doc as unknown as {
    info: Info;
    appendXML(x: string, newline?: boolean): void;
    _addInfo(): void;
  };
  d._addInfo = function addInfo(this: typeof d) {
    const i = this.info;
    const created = iso(i.CreationDate);
    const modified = iso(i.ModDate ?? i.CreationDate);
    this.appendXML(`
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:CreateDate>${created}</xmp:CreateDate>
            <xmp:ModifyDate>${modified}</xmp:ModifyDate>
            <xmp:MetadataDate>${modified}</xmp:MetadataDate>
            <xmp:CreatorTool>${xml(i.Creator ?? '')}</xmp:CreatorTool>
        </rdf:Description>`);
    const alt = (tag: string, v?: string) =>
      v
        ? `<${tag}><rdf:Alt><rdf:li xml:lang="x-default">${xml(v)}</rdf:li></rdf:Alt></${tag}>`
        : '';
    this.appendXML(`
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            ${alt('dc:title', i.Title)}
            ${i.Author ? `<dc:creator><rdf:Seq><rdf:li>${xml(i.Author)}</rdf:li></rdf:Seq></dc:creator>` : ''}
            ${alt('dc:description', i.Subject)}
            <dc:format>application/pdf</dc:format>
        </rdf:Description>`);
    this.appendXML(`
        <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdf:Producer>${xml(i.Producer ?? '')}</pdf:Producer>${
              i.Keywords
                ? `
            <pdf:Keywords>${xml(i.Keywords)}</pdf:Keywords>`
                : ''
            }
        </rdf:Description>`);
  };
}

/** Embeds the data the bulletin was built from, with fixed dates (the build clock). */
export function attachSourceData(doc: Doc, name: string, text: string, clock: Date): void {
  (doc as unknown as { file(b: Buffer, o: Record<string, unknown>): void }).file(
    Buffer.from(text, 'utf8'),
    {
      name,
      type: 'application/json',
      description: 'The dataset every figure in this bulletin comes from',
      creationDate: clock,
      modifiedDate: clock,
      relationship: 'Source',
    },
  );
}
