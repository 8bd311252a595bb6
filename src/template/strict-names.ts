/**
 * Strict names in every context, conditions included. LiquidJS reads `a.b.c` in
 * `Context._getFromScope`, and under `lenientIf` an `{% if %}`, `{% unless %}`, `{% case %}`,
 * `assign` or `| default` swallows the error it throws for any missing name. Here a missing
 * name is told apart first (see names.ts):
 * - not in the scope and not a field of any record: an error everywhere, with the names that
 *   exist ("did you mean");
 * - a known field this record leaves out, an id this data does not have, or a step through a
 *   value that is null: "not stated" — false in a condition, an error where it would print.
 *   The steps after such a value are not judged: a derived value that is null in every record
 *   (`aid_rank` when no deck ranks) shows no field names to judge them by.
 * Only engines registered here behave so; every other LiquidJS instance is left as it was.
 */
import type { Context, Liquid } from 'liquidjs';
import { closest, KnownNames, suggestion } from './names.js';

type LiquidModule = typeof import('liquidjs');
type Path = (string | number)[];
type GetFromScope = (
  this: Context,
  scope: unknown,
  paths: Path | string,
  strict?: boolean,
) => Generator<unknown, unknown, unknown>;

/** A value LiquidJS resolves later: a promise or a generator. */
const isLazy = (v: unknown) =>
  v !== null &&
  typeof v === 'object' &&
  (typeof (v as { then?: unknown }).then === 'function' ||
    // A generator has `throw` too; `forloop` (a Drop) has a `next` method and is a value.
    (typeof (v as { next?: unknown }).next === 'function' &&
      typeof (v as { throw?: unknown }).throw === 'function'));

type ReadProperty = { readProperty(obj: unknown, key: unknown): unknown };

const registered = new WeakMap<object, KnownNames>();
const patched = new WeakSet<object>();

/** Keys that read a property of any value rather than a field of the data. */
const BUILTIN_KEYS = new Set(['size', 'first', 'last']);

/** An error LiquidJS's lenient contexts swallow (it checks the name), with our own message. */
function notStated(message: string): Error {
  // A signal to liquidjs, thrown for every name a template tests and the data lacks (per deck):
  // no stack trace is read, and capturing one was most of its cost.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const err = new Error(message);
  Error.stackTraceLimit = limit;
  err.name = 'InternalUndefinedVariableError';
  return err;
}

/** Said of a variable a template sets or passes, read where it has no value. */
export const NO_VALUE = 'has no value here (not assigned yet, or not passed to this partial)';

/** An error no context swallows: a name that is nowhere. */
export class UnknownNameError extends Error {
  override name = 'UnknownNameError';
}

const show = (path: Path, upTo: number) =>
  path
    .slice(0, upTo + 1)
    .map((p, i) =>
      typeof p === 'number' || !/^[A-Za-z_]\w*$/.test(p)
        ? `[${typeof p === 'number' ? p : `'${p}'`}]`
        : i === 0
          ? p
          : `.${p}`,
    )
    .join('');

/** Names visible at the top of a context, without reading a value (reads are recorded). */
function scopeNames(ctx: Context): string[] {
  const c = ctx as unknown as { globals?: object; environments?: object; scopes: object[] };
  return [c.globals ?? {}, c.environments ?? {}, ...c.scopes].flatMap((s) => Object.keys(s));
}

/** The names an object offers: its keys, and a Drop's methods (`forloop.last`). */
function namesOf(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return [];
  const keys = Object.keys(value);
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value) || proto === Object.prototype || proto === null) return keys;
  const methods = Object.getOwnPropertyNames(proto).filter(
    (m) => !['constructor', 'valueOf', 'next', 'liquidMethodMissing'].includes(m),
  );
  return [...keys, ...methods];
}

/** Throws the right error for `path[at]` being missing (undefined, or null before its end). */
function missing(ctx: Context, known: KnownNames, parent: unknown, path: Path, at: number): never {
  const key = path[at];
  const name = show(path, at);
  if (at === 0 && typeof key === 'string' && known.isVariable(key)) {
    throw notStated(`"${key}" ${NO_VALUE}; test it with {% if ${key} %} first`);
  }
  if (at === 0) {
    const here = scopeNames(ctx);
    throw new UnknownNameError(`unknown name "${key}"; ${suggestion(String(key), here, here)}`);
  }
  const here = namesOf(parent);
  const isKnown = (k: string | number) =>
    typeof k === 'number' || BUILTIN_KEYS.has(k) || known.has(k) || /^\d+$/.test(k);
  const isIdTable = here.length > 0 && here.every((k) => known.isId(k));
  // An empty table (a bulletin without figures) cannot tell a name from an id.
  const emptyTable = here.length === 0 && typeof parent === 'object' && !Array.isArray(parent);
  if (key !== undefined && !isKnown(key) && !isIdTable && !emptyTable) {
    const prefix = show(path, at - 1);
    const hint = suggestion(String(key), here, known.all());
    throw new UnknownNameError(
      `unknown name "${name}": "${key}" is not a field of ${prefix} nor of any record in ` +
        `the data; ${hint.replace(/"([^"]+)"/g, `"${prefix}.$1"`)}`,
    );
  }
  if (emptyTable) throw notStated(`"${name}": the data has no record "${key}" here (it has none)`);
  if (isIdTable) {
    // An id one or two letters from one the data has is a typo; any other is data this
    // bulletin does not have, which a condition may test for.
    const near = known.nearIds(String(key), here, closest);
    const message = `"${name}": the data has no record "${key}" here`;
    if (near.length) throw new UnknownNameError(`${message}; ${suggestion(String(key), near, [])}`);
    throw notStated(`${message}; the ids here are ${here.slice(0, 15).join(', ')}`);
  }
  throw notStated(
    `"${name}" is not stated for this record; print it inside {% if ${name} %}…{% endif %}`,
  );
}

/** Makes `liquid` tell unknown names from fields not stated (see the file comment). */
export function strictNames(lib: LiquidModule, liquid: Liquid, known: KnownNames): void {
  registered.set(liquid, known);
  const proto = lib.Context.prototype as unknown as { _getFromScope: GetFromScope };
  if (patched.has(proto)) return;
  patched.add(proto);
  const original = proto._getFromScope;
  // Returns a plain value, as LiquidJS's own does for plain data (10.31; 10.30 returned a
  // generator, and callers `yield` either). A lazy value (promise, Drop generator) is left to
  // LiquidJS's own lookup.
  proto._getFromScope = function (
    this: Context,
    scope: unknown,
    paths: Path | string,
    strict: boolean = this.strictVariables,
  ) {
    const names = registered.get((this as unknown as { liquid?: object }).liquid ?? {});
    if (!names || !strict) return original.call(this, scope, paths, strict);
    const path: Path = typeof paths === 'string' ? paths.split('.') : paths;
    let value = scope;
    for (let i = 0; i < path.length; i++) {
      const parent = value;
      value = (this as unknown as ReadProperty).readProperty(value, path[i]);
      if (isLazy(value)) return original.call(this, scope, paths, strict);
      if (value === undefined) missing(this, names, parent, path, i);
      if (value === null && i < path.length - 1) {
        throw notStated(
          `"${show(path, i)}" is not stated (null), so "${show(path, path.length - 1)}" ` +
            `cannot be printed; test it with {% if ${show(path, i)} %} first`,
        );
      }
    }
    return value as unknown as Generator<unknown, unknown, unknown>;
  };
}
