/**
 * `{% render %}` with remembered output. A rendered partial sees only the arguments it is
 * given (LiquidJS's render tag isolates it from the caller's variables), so its text is a
 * function of the file and those arguments. Deck notes render the same citation or measure
 * partial for the same peer in every partner's deck: 100 partners render ~10,000 partials of
 * which a few hundred differ. An object argument is recognised by identity, and only when it
 * is part of the data the build passed in (a template cannot change the data; a `forloop` it
 * passes on changes as the loop runs and is never remembered). A proxy (the bulletin's scope
 * records what templates read, model/usage.ts) is neither walked nor remembered: every read
 * through it must happen.
 */
import type { Context, Emitter, Liquid } from 'liquidjs';
import { types } from 'node:util';

type LiquidModule = typeof import('liquidjs');

/** Most partial texts kept per engine; past this it starts afresh. */
const MAX_REMEMBERED = 20_000;

/** Objects reachable from the scopes given to render, each with a number standing for it. */
export class DataObjects {
  private readonly ids = new WeakMap<object, number>();
  private next = 1;

  /** Records every plain object and array reachable from `value` (already known ones stop). */
  add(value: unknown): void {
    const stack: unknown[] = [value];
    while (stack.length) {
      const v = stack.pop();
      if (v === null || typeof v !== 'object' || this.ids.has(v) || types.isProxy(v)) continue;
      const proto = Object.getPrototypeOf(v);
      if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) continue;
      this.ids.set(v, this.next++);
      for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push(x);
    }
  }

  /** A key part for one argument, or undefined when it cannot be told apart safely. */
  keyOf(v: unknown): string | undefined {
    if (v === null) return 'null';
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v);
      case 'number':
        return Object.is(v, -0) ? 'n-0' : `n${v}`;
      case 'boolean':
      case 'undefined':
        return String(v);
      case 'object': {
        const id = this.ids.get(v);
        return id === undefined ? undefined : `o${id}`;
      }
      default:
        return undefined;
    }
  }
}

/** The fields of LiquidJS's render tag this subclass reads (private in its types). */
interface RenderTagFields {
  file: unknown;
  with?: unknown;
  forBinding?: unknown;
  hash: { render(ctx: Context): Generator<unknown, Record<string, unknown>, unknown> };
}

/** Registers a `render` tag that remembers each partial's text by file and arguments. */
export function rememberPartials(
  lib: LiquidModule,
  liquid: Liquid,
  data: DataObjects,
  /** Part of every key: a partial's text differs when data is marked (template/data-marks). */
  mode: () => string = () => '',
): void {
  const texts = new Map<string, string>();
  class RememberedRender extends lib.RenderTag {
    override *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
      const self = this as unknown as RenderTagFields;
      const file = self.file;
      // Computed names, relative names and with/for forms: rendered as LiquidJS does.
      if (typeof file !== 'string' || file.startsWith('.') || self.with || self.forBinding)
        return yield* super.render(ctx, emitter);
      const args = (yield* self.hash.render(ctx)) as Record<string, unknown>;
      let key: string | undefined = `${mode()}\u0000${file}`;
      for (const [name, value] of Object.entries(args)) {
        const part = data.keyOf(value);
        if (part === undefined) {
          key = undefined;
          break;
        }
        key += `\u0000${name}\u0000${part}`;
      }
      let text = key === undefined ? undefined : texts.get(key);
      if (text === undefined) {
        const child = ctx.spawn();
        Object.assign(child.bottom(), args);
        const templates = yield liquid._parsePartialFile(file, child.sync, token(this));
        text = (yield liquid.renderer.renderTemplates(
          templates as Parameters<Liquid['renderer']['renderTemplates']>[0],
          child,
        )) as string;
        if (key !== undefined) {
          if (texts.size >= MAX_REMEMBERED) texts.clear();
          texts.set(key, text);
        }
      }
      emitter.write(text);
    }
  }
  liquid.registerTag('render', RememberedRender);
}

/** The file the tag was written in (LiquidJS resolves partial names against it). */
const token = (tag: object) => (tag as { currentFile?: string }).currentFile;
