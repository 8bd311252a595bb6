/**
 * loadTemplates: the template folder, in memory — Liquid templates as text, JSON configs
 * parsed with positions, font files as bytes — so nothing later touches the disk.
 */
import path from 'node:path';
import { decodeInputText } from './files.js';
import { parseLocatedJson, type LocatedJson } from './json.js';
import { readTemplates, type InputSnapshot } from './inputs.js';
import { InputError } from '../errors.js';
import type { TemplateSet } from '../template/engine.js';

/** Everything under templates/, in memory. */
export interface LoadedTemplates {
  root: string;
  /** Liquid templates by relative path. */
  liquid: TemplateSet;
  /** Parsed JSON configs by relative path (theme, chart specs, deck and layout). */
  json: Record<string, LocatedJson>;
  /** Binary assets (fonts, images) by relative path. */
  assets: Record<string, Buffer>;
}

/** Parses the template files already read (or reads them when not given). */
export async function loadTemplates(
  root: string,
  read?: InputSnapshot['templates'],
): Promise<LoadedTemplates> {
  const files = (read ?? (await readTemplates(root))).files;
  const liquid: Record<string, string> = {};
  const json: Record<string, LocatedJson> = {};
  const assets: Record<string, Buffer> = {};
  for (const [name, bytes] of files) {
    const file = path.join(root, name);
    if (name.endsWith('.liquid')) liquid[name] = decodeInputText(bytes, file, 'template');
    else if (name.endsWith('.json')) {
      const parsed = parseLocatedJson(file, decodeInputText(bytes, file, 'template config'));
      if (Array.isArray(parsed)) throw new InputError('E_TEMPLATE_JSON', parsed);
      json[name] = parsed;
    } else assets[name] = bytes;
  }
  return { root, liquid: { root, files: liquid }, json, assets };
}
