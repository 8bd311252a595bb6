/**
 * A dataset's measures by partner and type, indexed once per dataset. Claims, timelines and
 * scopes ask "this partner's measures of this type" once per partner for every claim a deck
 * makes; filtering the whole list each time made a build's cost grow with the cube of its
 * partners (issue 33). A parsed dataset is never changed after validation, so the index keyed
 * by the dataset object stays true for its life. Pure.
 */
import type { Dataset, Measure } from './schema.js';

type Index = Map<string, Measure[]>;
const indexes = new WeakMap<Dataset, Index>();
const NONE: readonly Measure[] = Object.freeze([]);

function indexOf(d: Dataset): Index {
  let index = indexes.get(d);
  if (index) return index;
  index = new Map();
  for (const m of d.measures)
    for (const key of [m.partner, `${m.partner}\u0000${m.type}`]) {
      const list = index.get(key);
      if (list) list.push(m);
      else index.set(key, [m]);
    }
  indexes.set(d, index);
  return index;
}

/** A partner's measures, of one type when given, in the data's order. */
export function measuresOf(d: Dataset, partner: string, type?: string): readonly Measure[] {
  const key = type === undefined ? partner : `${partner}\u0000${type}`;
  return indexOf(d).get(key) ?? NONE;
}
