/**
 * PDF/A-3a and PDF/UA-1 details pdfkit leaves to us: XMP metadata with XML-escaped values
 * (pdfkit writes the title raw, so "&" makes the XMP invalid), dates that match the Info
 * dictionary and the PDF/UA identifier (pdfkit writes one subset's identifier only); the
 * base-spec slips in pdfkit's objects; and the source data embedded as an associated file
 * (PDF/A-3 allows attachments).
 */
import { createHash } from 'node:crypto';
import type { Doc } from './fonts.js';

export const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
export const iso = (d: Date) => `${d.toISOString().split('.')[0]}Z`;

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
    // PDF/UA-1 (ISO 14289-1, 5): the file says it conforms in its XMP; PDF/A wants every
    // schema outside its predefined set described by an extension schema, pdfuaid included.
    this.appendXML(`
        <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
            <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
                <pdfaSchema:schema>PDF/UA identification schema</pdfaSchema:schema>
                <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
                <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
                <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
                    <pdfaProperty:name>part</pdfaProperty:name>
                    <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
                    <pdfaProperty:category>internal</pdfaProperty:category>
                    <pdfaProperty:description>The part of ISO 14289 the file conforms to</pdfaProperty:description>
                </rdf:li></rdf:Seq></pdfaSchema:property>
            </rdf:li></rdf:Bag></pdfaExtension:schemas>
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

/**
 * Embeds the data the bulletin was built from, with fixed dates (the build clock), as pdfkit's
 * `file()` does, object for object. Not through `file()`: it computes the /CheckSum in
 * JavaScript (its own MD5, ~5 ms of a cold build for the ~35 KB of data); node:crypto gives the
 * same 16 bytes, which is what the PDF reference asks for (fixBaseSpec converts pdfkit's hex).
 */
export function attachSourceData(doc: Doc, name: string, text: string, clock: Date): void {
  const d = doc as unknown as {
    ref(data: Record<string, unknown>): Ref;
    addNamedEmbeddedFile(name: string, ref: Ref): void;
    _root: { data: { AF?: Ref[] } };
  };
  const bytes = Buffer.from(text, 'utf8');
  const file = d.ref({
    Type: 'EmbeddedFile',
    Params: {
      CreationDate: clock,
      ModDate: clock,
      CheckSum: createHash('md5').update(bytes).digest(),
      Size: bytes.byteLength,
    },
    // pdfkit's escapeName of "application/json".
    Subtype: 'application#2Fjson',
  });
  file.end(bytes);
  const spec = d.ref({
    Type: 'Filespec',
    AFRelationship: 'Source',
    F: new String(name),
    EF: { F: file },
    UF: new String(name),
    Desc: new String('The dataset every figure in this bulletin comes from'),
  });
  spec.end();
  d.addNamedEmbeddedFile(name, spec);
  d._root.data.AF = [...(d._root.data.AF ?? []), spec];
}

interface Ref {
  data: Record<string, unknown>;
  end(chunk?: Uint8Array | string): void;
}

/** TrueType programs start with version 1.0 or 'true'. */
const isTrueType = (b: Uint8Array) =>
  b.length > 4 &&
  ((b[0] === 0 && b[1] === 1 && b[2] === 0 && b[3] === 0) ||
    String.fromCharCode(...b.subarray(0, 4)) === 'true');

/**
 * Corrects pdfkit's objects as they are written, where the PDF reference asks for more:
 * an embedded TrueType program states its length (/Length1, required for FontFile2); an
 * embedded file's /CheckSum is the 16 bytes of its MD5, not their hex spelling; the XMP
 * stream carries no lowercase /length (pdfkit's typo beside the real /Length); and a
 * transparency group dictionary says /Type /Group.
 */
export function fixBaseSpec(doc: Doc): void {
  const d = doc as unknown as { ref(data?: Record<string, unknown>): Ref };
  const make = d.ref.bind(d);
  d.ref = (data?: Record<string, unknown>) => {
    const ref = make(data);
    const end = ref.end.bind(ref);
    ref.end = (chunk?: Uint8Array | string) => {
      const o = ref.data;
      if (chunk instanceof Uint8Array && Object.keys(o).length === 0 && isTrueType(chunk))
        o.Length1 = chunk.length;
      const params = o.Params as { CheckSum?: unknown } | undefined;
      if (o.Type === 'EmbeddedFile' && params?.CheckSum instanceof String)
        params.CheckSum = Buffer.from(params.CheckSum.toString(), 'hex');
      if (o.Type === 'Metadata') delete o.length;
      const group = o.Group as Record<string, unknown> | undefined;
      if (group && group.S === 'Transparency' && !group.Type) group.Type = 'Group';
      end(chunk);
    };
    return ref;
  };
}
