/**
 * Template source text before the engine parses it: names a template may not read, and a
 * partial's final newline, which is not part of its text.
 */
import { InputError } from '../errors.js';

/**
 * Names no template needs and that lead out of the data into JavaScript: the engine hides
 * prototypes of data, but its own objects (forloop) still hand out their constructor.
 */
const FORBIDDEN_NAME = /\b(constructor|prototype|__proto__|__defineGetter__|__lookupGetter__)\b/;
const LIQUID_TAG = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;

/** Refuses a template that reads a forbidden name inside a Liquid tag, naming where. */
export function checkNames(root: string, name: string, source: string): void {
  for (const tag of source.matchAll(LIQUID_TAG)) {
    const m = FORBIDDEN_NAME.exec(tag[0]);
    if (!m) continue;
    const at = (tag.index ?? 0) + m.index;
    const before = source.slice(0, at).split('\n');
    throw new InputError('E_TEMPLATE', [
      {
        file: `${root}/${name}`,
        line: before.length,
        column: (before.at(-1)?.length ?? 0) + 1,
        message:
          `template error: "${m[0]}" is not something a template may read; use the data's own ` +
          `fields`,
      },
    ]);
  }
}

/**
 * A partial ("_cite.liquid") is text put inside a sentence, and editors end every file with a
 * newline: kept, it would end the sentence's line there, and a "." after the partial would
 * become a paragraph of its own. So a partial's one final newline is not part of its text.
 */
export function partialsWithoutFinalNewline(files: Record<string, string>): Record<string, string> {
  const isPartial = (name: string) => /(?:^|\/)_[^/]*$/.test(name);
  return Object.fromEntries(
    Object.entries(files).map(([name, text]) => [
      name,
      isPartial(name) ? text.replace(/\r?\n$/, '') : text,
    ]),
  );
}
