/**
 * A deck carries the derived claims it prints (issue 29, item 4) as one custom document
 * property, "bulletin-claims", holding their JSON: docProps/custom.xml is the package's own
 * place for an application's properties (PowerPoint lists it under Properties → Custom,
 * LibreOffice under Custom Properties), so no reader trips over an unknown part.
 */
import type { Claim } from '../../model/claims/index.js';
import type { ZipFiles } from './zip.js';

/** The property's name, which `bulletin verify` reads back. */
export const CLAIMS_PROPERTY = 'bulletin-claims';

const CUSTOM = 'docProps/custom.xml';
const CUSTOM_TYPE = 'application/vnd.openxmlformats-officedocument.custom-properties+xml';
const CUSTOM_REL =
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties';

/** Escapes element text (package.ts has its own; importing it would make a cycle). */
const xmlEscape = (s: string) =>
  s.replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;'));

/** docProps/custom.xml with one text property. */
function customXml(json: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ' +
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" ' +
    `name="${CLAIMS_PROPERTY}"><vt:lpwstr>${xmlEscape(json)}</vt:lpwstr></property></Properties>`
  );
}

/** Writes the claims part, its content type and its package relationship. */
export async function addClaimsPart(zip: ZipFiles, claims: readonly Claim[]): Promise<void> {
  zip.file(CUSTOM, customXml(JSON.stringify(claims)));
  const types = zip.file('[Content_Types].xml');
  const rels = zip.file('_rels/.rels');
  if (!types || !rels) throw new Error('the package has no [Content_Types].xml or _rels/.rels');
  const ct = await types.async('string');
  if (!ct.includes(`PartName="/${CUSTOM}"`))
    zip.file(
      '[Content_Types].xml',
      ct.replace(
        '</Types>',
        `<Override PartName="/${CUSTOM}" ContentType="${CUSTOM_TYPE}"/></Types>`,
      ),
    );
  const r = await rels.async('string');
  if (!r.includes(CUSTOM_REL))
    zip.file(
      '_rels/.rels',
      r.replace(
        '</Relationships>',
        `<Relationship Id="rIdBulletinClaims" Type="${CUSTOM_REL}" Target="${CUSTOM}"/>` +
          '</Relationships>',
      ),
    );
}
