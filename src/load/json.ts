/**
 * JSON parsing that remembers where every value is, so that a problem found later
 * (by the schema or a cross-field rule) can be reported as file:line:col.
 */
import type { Node, ParseError } from 'jsonc-parser';
import { requireCjs } from '../cjs.js';
import type { Problem } from '../errors.js';

const { parseTree, findNodeAtLocation, printParseErrorCode } = requireCjs(
  'jsonc-parser',
) as typeof import('jsonc-parser');

export type JsonPath = (string | number)[];

/** Parsed JSON plus a way to find where a path is in the text. */
export interface LocatedJson {
  file: string;
  value: unknown;
  locate(path: JsonPath, key?: boolean): { line: number; column: number };
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected "," between items (is a comma missing?)',
  CloseBraceExpected: 'expected "}" (is the object closed?)',
  CloseBracketExpected: 'expected "]" (is the array closed?)',
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string (control characters must be escaped)',
};

/** Line and column (1-based) of a character offset. */
export function positionOf(textValue: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < textValue.length; i++) {
    if (textValue.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Deeper nesting than this is refused before parsing: no dataset or template config needs it, and
 * the parser recurses.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Offset of the first bracket that opens a level deeper than MAX_JSON_DEPTH, if any (strings
 * skipped).
 */
function tooDeepAt(source: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

/** Parses strict JSON (no comments, no trailing commas); returns every syntax problem found. */
export function parseLocatedJson(file: string, source: string): LocatedJson | Problem[] {
  if (source.charCodeAt(0) === 0xfeff) {
    return [
      {
        file,
        line: 1,
        column: 1,
        message: 'the file starts with a UTF-8 byte-order mark (BOM); save it as UTF-8 without BOM',
      },
    ];
  }
  if (source.trim() === '')
    return [{ file, line: 1, column: 1, message: 'the file is empty; it must hold a JSON object' }];
  const deep = tooDeepAt(source);
  if (deep !== undefined)
    return [
      {
        file,
        ...positionOf(source, deep),
        message:
          `arrays and objects are nested more than ${MAX_JSON_DEPTH} levels deep here; no ` +
          `bulletin file needs that, so check the brackets`,
      },
    ];
  const errors: ParseError[] = [];
  const tree = parseTree(source, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  if (errors.length > 0 || !tree) {
    return errors.map((e) => {
      const code = printParseErrorCode(e.error);
      const hint = MESSAGES[code] ?? code;
      return { file, ...positionOf(source, e.offset), message: `invalid JSON: ${hint}` };
    });
  }
  const duplicates: Problem[] = [];
  const value = nodeValue(tree, (node, kind) =>
    duplicates.push({
      file,
      ...positionOf(source, node.offset),
      message:
        kind === 'duplicate'
          ? `duplicate key "${String(node.value)}" in one object; JSON keeps only the last, so ` +
            `remove one`
          : `the number ${source.slice(node.offset, node.offset + Math.min(node.length, 40))} is ` +
            `too large to be held as a number; check the digits and the exponent`,
    }),
  );
  if (duplicates.length) return duplicates;
  return {
    file,
    value,
    locate(path, key = false) {
      let node: Node | undefined;
      for (let n = path.length; n >= 0 && !node; n--)
        node = findNodeAtLocation(tree, path.slice(0, n));
      const target = key && node?.parent?.type === 'property' ? node.parent.children?.[0] : node;
      return positionOf(source, target?.offset ?? 0);
    },
  };
}

/**
 * Builds the plain value from the tree. A "__proto__" key becomes an own data property
 * (as JSON.parse does), never the prototype, so data cannot reach Object.prototype.
 */
function nodeValue(
  node: Node,
  onProblem: (node: Node, kind: 'duplicate' | 'infinite') => void,
): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || !v) continue;
        if (Object.prototype.hasOwnProperty.call(out, String(k.value))) onProblem(k, 'duplicate');
        Object.defineProperty(out, String(k.value), {
          value: nodeValue(v, onProblem),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map((child) => nodeValue(child, onProblem));
    case 'number':
      if (!Number.isFinite(node.value)) onProblem(node, 'infinite');
      return node.value;
    default:
      return node.value;
  }
}
