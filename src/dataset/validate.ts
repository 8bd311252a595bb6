/**
 * validateDataset: schema first, then the cross-field rules; returns every problem with its
 * file, line, column and JSON path instead of throwing at the first one.
 */
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { Dataset } from './schema.js';
import { checkRules, checkRulesLeniently } from './rules.js';
import type { Problem } from '../errors.js';
import type { JsonPath, LocatedJson } from '../load/json.js';

export interface ValidationResult {
  dataset?: Dataset;
  problems: Problem[];
}

/** `measures[3].amount` from ['measures', 3, 'amount']. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    const key = String(part);
    const plain = /^[A-Za-z_$][\w$]*$/.test(key);
    return plain ? (acc ? `${acc}.${key}` : key) : `${acc}[${JSON.stringify(key)}]`;
  }, '');
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path)
    v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

function issueMessages(
  issue: z.core.$ZodIssue,
  root: unknown,
): { path: JsonPath; message: string; key?: boolean }[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({
        path: [...path, k],
        key: true,
        message: `unknown key "${k}" (is it misspelt? see the JSON Schema for the allowed keys)`,
      }));
    case 'invalid_type': {
      const actual = valueAt(root, path);
      if (actual === undefined)
        return [{ path, message: `is required (expected ${issue.expected})` }];
      return [
        {
          path,
          message:
            `must be ` +
            `${issue.expected === 'object' ? 'an object' : issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}, not ${describeType(actual)}`,
        },
      ];
    }
    case 'invalid_union': {
      if (issue.discriminator && 'options' in issue && issue.options) {
        const disc = issue.discriminator;
        return [
          {
            path: path[path.length - 1] === disc ? path : [...path, disc],
            message: `unknown or missing "${disc}"; it must be one of: ${issue.options.join(', ')}`,
          },
        ];
      }
      return [{ path, message: issue.message }];
    }
    case 'invalid_value':
      return [
        {
          path,
          message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
        },
      ];
    default:
      return [{ path, message: issue.message }];
  }
}

/** Validates parsed JSON against the schema and the cross-field rules. */
export function validateDataset(json: LocatedJson): ValidationResult {
  const at = (path: JsonPath, message: string, key = false): Problem => ({
    file: json.file,
    ...json.locate(path, key),
    path: formatPath(path) || '(top level)',
    message,
  });
  if (json.value === null || typeof json.value !== 'object' || Array.isArray(json.value)) {
    return {
      problems: [
        {
          file: json.file,
          line: 1,
          column: 1,
          message: `the top level must be a JSON object, not ${describeType(json.value)}`,
        },
      ],
    };
  }
  const parsed = Dataset.safeParse(json.value);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((i) =>
      issueMessages(i, json.value).map((m) => at(m.path, m.message, m.key)),
    );
    const seen = new Set(problems.map((p) => p.path));
    const more = checkRulesLeniently(json.value)
      .map((p) => at(p.path, p.message, p.key))
      .filter((p) => !seen.has(p.path));
    return { problems: sortProblems([...problems, ...more]) };
  }
  const ruleProblems = checkRules(parsed.data).map((p) => at(p.path, p.message, p.key));
  if (ruleProblems.length > 0) return { problems: sortProblems(ruleProblems) };
  return { dataset: parsed.data, problems: [] };
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}

/**
 * Validates a template config (theme, chart specs, deck) against its zod schema; throws every
 * problem.
 */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  json: LocatedJson,
  code: string,
): z.infer<S> {
  const parsed = schema.safeParse(json.value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.flatMap((i) =>
    issueMessages(i, json.value).map((m) => ({
      file: json.file,
      ...json.locate(m.path, m.key),
      path: formatPath(m.path) || '(top level)',
      message: m.message,
    })),
  );
  throw new InputError(code, sortProblems(problems));
}
