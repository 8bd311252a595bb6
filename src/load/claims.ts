/**
 * Reads back the derived claims a built file records (issue 29, item 4): the PDF's attached
 * bulletin-sources.json, the web edition's embedded copy of it, a deck's "bulletin-claims"
 * custom property. A built folder is input like any other: the JSON is parsed with the claims
 * schema, and a file that records none (a build by an older bulletin) records an empty list.
 */
import { ClaimsRecord, type Claim } from '../model/claims/index.js';
import { inputError } from '../errors.js';

/** The claims one file records. */
export interface RecordedClaims {
  file: string;
  claims: Claim[];
}

/** Claims from a parsed provenance document ({claims: [...]}) or a bare list. */
export function claimsOf(file: string, json: string | undefined): RecordedClaims {
  if (json === undefined) return { file, claims: [] };
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (err) {
    throw inputError('E_CLAIMS', {
      file,
      message: `its recorded claims are not valid JSON (${(err as Error).message}); rebuild it`,
    });
  }
  const list = Array.isArray(doc) ? doc : ((doc as { claims?: unknown } | null)?.claims ?? []);
  const parsed = ClaimsRecord.safeParse(list);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw inputError('E_CLAIMS', {
      file,
      path: `claims.${issue?.path.join('.') ?? ''}`,
      message:
        `its recorded claims are not as bulletin writes them (${issue?.message}); ` + 'rebuild it',
    });
  }
  return { file, claims: parsed.data };
}

/** The JSON of the web edition's embedded sources (script#bulletin-sources), if any. */
export function htmlClaimsJson(html: string): string | undefined {
  const m = /<script type="application\/json" id="bulletin-sources">([\s\S]*?)<\/script>/.exec(
    html,
  );
  return m?.[1];
}

/** The text of a deck's "bulletin-claims" custom property (XML-decoded), if any. */
export function customPropertyJson(
  xml: string,
  name: string,
  decode: (s: string) => string,
): string | undefined {
  const re = /<property\b[^>]*\bname="([^"]*)"[^>]*>\s*<vt:lpwstr>([^<]*)<\/vt:lpwstr>/g;
  for (const m of xml.matchAll(re)) if (m[1] === name) return decode(m[2] ?? '');
  return undefined;
}
