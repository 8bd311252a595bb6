/**
 * Which organisation template a build's decks use: the file deck.json names, or else the one
 * .pptx/.potx found in templates/deck/, or none (the house masters). Read once per template
 * set, when the decks are planned, so a bad file fails the build before any output is written.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { inputError } from '../../../errors.js';
import type { LoadedTemplates } from '../../../load/templates.js';
import { DECK_FILE, parseDeckConfig, type DeckConfig } from '../../../model/deck-config.js';
import { readDeckTemplate, type DeckTemplate } from './read.js';
import { templateFrame } from './layouts.js';

/**
 * PowerPoint files directly in deck/ (legacy .ppt/.pot too, to say they need saving as .potx),
 * but not PowerPoint's "~$name" lock file while the template is open, nor macOS "._name" files.
 */
const FOUND = /^deck\/(?!~\$|\._)[^/]+\.p[po]t[xm]?$/i;

/** A template and the sha256 of its bytes (a changed file rebuilds the decks). */
export interface ChosenTemplate {
  template: DeckTemplate;
  sha256: string;
}

const cache = new WeakMap<object, ChosenTemplate | null>();

/** The deck template of a template set, or null for the house masters. */
export function chooseTemplate(
  templates: LoadedTemplates,
  config: DeckConfig,
): ChosenTemplate | null {
  const hit = cache.get(templates);
  if (hit !== undefined) return hit;
  const deckJson = path.join(templates.root, DECK_FILE);
  let name: string | undefined;
  if (config.template !== undefined) {
    name = `deck/${config.template}`;
    if (!templates.assets[name])
      throw inputError('E_DECK_TEMPLATE', {
        file: deckJson,
        path: 'template',
        message:
          `names "${config.template}", which is not in ${path.join(templates.root, 'deck')}; ` +
          'put the .pptx or .potx there or fix the name',
      });
  } else {
    const found = Object.keys(templates.assets).filter((n) => FOUND.test(n));
    if (found.length > 1)
      throw inputError('E_DECK_TEMPLATE', {
        file: deckJson,
        path: 'template',
        message:
          `${path.join(templates.root, 'deck')} holds ${found.length} PowerPoint files ` +
          `(${found.map((f) => path.basename(f)).join(', ')}); name the one to use with ` +
          '"template" in deck.json',
      });
    name = found[0];
  }
  const bytes = name === undefined ? undefined : templates.assets[name];
  const chosen =
    name === undefined || bytes === undefined
      ? null
      : {
          template: readDeckTemplate(path.join(templates.root, name), bytes),
          sha256: createHash('sha256').update(bytes).digest('hex'),
        };
  cache.set(templates, chosen);
  return chosen;
}

/**
 * The deck config, the chosen template and its frame, per template set (checked when decks
 * are planned).
 */
export interface DeckSetup {
  config: DeckConfig;
  chosen: ChosenTemplate | null;
  frame: ReturnType<typeof templateFrame> | null;
}

const setups = new WeakMap<object, DeckSetup>();

export function deckSetup(templates: LoadedTemplates): DeckSetup {
  let s = setups.get(templates);
  if (!s) {
    const config = parseDeckConfig(templates);
    const chosen = chooseTemplate(templates, config);
    const frame = chosen
      ? templateFrame(chosen.template, config.layouts ?? {}, path.join(templates.root, DECK_FILE))
      : null;
    s = { config, chosen, frame };
    setups.set(templates, s);
  }
  return s;
}
