/**
 * loadTemplates: reads the template folder once — Liquid templates as text, JSON configs
 * parsed with positions, font files as bytes — so nothing later touches the disk.
 */
import path from 'node:path';
import { listFiles, readInputBytes, readInputText } from './files.js';
import { parseLocatedJson, type LocatedJson } from './json.js';
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

const BINARY = /\.(ttf|otf|png|jpe?g)$/i;

export async function loadTemplates(root: string): Promise<LoadedTemplates> {
  const names = await listFiles(root);
  const liquid: Record<string, string> = {};
  const json: Record<string, LocatedJson> = {};
  const assets: Record<string, Buffer> = {};
  for (const name of names) {
    const file = path.join(root, name);
    if (name.endsWith('.liquid')) liquid[name] = await readInputText(file, 'template');
    else if (name.endsWith('.json')) {
      const parsed = parseLocatedJson(file, await readInputText(file, 'template config'));
      if (Array.isArray(parsed)) throw new InputError('E_TEMPLATE_JSON', parsed);
      json[name] = parsed;
    } else if (BINARY.test(name)) assets[name] = await readInputBytes(file, 'asset');
  }
  return { root, liquid: { root, files: liquid }, json, assets };
}
