/**
 * Puts back in schema order the children pptxgenjs 4.0.1 writes out of order, which
 * ECMA-376's transitional schemas refuse (issue 32, item 1; tests/deck-schema.test.ts
 * validates every part against them): in presentation.xml the notes master list after the
 * slide list; in charts a bar series' data points after its labels, a line chart's
 * no grouping at all (CT_LineChart requires one; "standard" is the unstacked line we draw),
 * a line series carrying invertIfNegative (CT_BarSer's, meaningless on a line), a category
 * axis's tickLblSkip after noMultiLvlLbl, and a third axis id on 2-D bar and line charts,
 * which take exactly two. Models are looked up as "parent>child", then by the name alone.
 * PowerPoint is reported to offer a repair on files that break the schema; LibreOffice reads
 * either order.
 */
import { parseXml, type XmlElement } from './template/xml.js';

/**
 * The children an element may have, in schema order, how many of a kind at most, and what to
 * add when a required one is missing.
 */
export interface ContentModel {
  order: readonly string[];
  max?: Readonly<Record<string, number>>;
  required?: Readonly<Record<string, string>>;
  /** Children the schema does not allow here, which say nothing where they stand. */
  drop?: readonly string[];
}

/** CT_BarSer, CT_LineSer, CT_PieSer, CT_AreaSer, CT_ScatterSer, … merged: one order fits all. */
const SERIES = [
  'idx',
  'order',
  'tx',
  'spPr',
  'invertIfNegative',
  'pictureOptions',
  'marker',
  'explosion',
  'dPt',
  'dLbls',
  'trendline',
  'errBars',
  'cat',
  'val',
  'xVal',
  'yVal',
  'smooth',
  'shape',
  'bubbleSize',
  'bubble3D',
  'extLst',
];

const c = (names: readonly string[]) => names.map((n) => `c:${n}`);

/** The elements pptxgenjs gets wrong, with their content models from the schemas. */
export const PPTXGENJS_MODELS: Readonly<Record<string, ContentModel>> = {
  // pml.xsd CT_Presentation
  'p:presentation': {
    order: [
      'sldMasterIdLst',
      'notesMasterIdLst',
      'handoutMasterIdLst',
      'sldIdLst',
      'sldSz',
      'notesSz',
      'smartTags',
      'embeddedFontLst',
      'custShowLst',
      'photoAlbum',
      'custDataLst',
      'kinsoku',
      'defaultTextStyle',
      'modifyVerifier',
      'extLst',
    ].map((n) => `p:${n}`),
  },
  'c:ser': { order: c(SERIES) },
  // dml-chart.xsd CT_LineSer
  'c:lineChart>c:ser': { order: c(SERIES), drop: ['c:invertIfNegative'] },
  // dml-chart.xsd CT_BarChart, CT_LineChart (2-D: two axes; pptxgenjs adds a series axis id)
  'c:barChart': {
    order: c([
      'barDir',
      'grouping',
      'varyColors',
      'ser',
      'dLbls',
      'gapWidth',
      'overlap',
      'serLines',
      'axId',
      'extLst',
    ]),
    max: { 'c:axId': 2 },
  },
  'c:lineChart': {
    order: c([
      'grouping',
      'varyColors',
      'ser',
      'dLbls',
      'dropLines',
      'hiLowLines',
      'upDownBars',
      'marker',
      'smooth',
      'axId',
      'extLst',
    ]),
    max: { 'c:axId': 2 },
    required: { 'c:grouping': '<c:grouping val="standard"/>' },
  },
  // dml-chart.xsd CT_CatAx
  'c:catAx': {
    order: c([
      'axId',
      'scaling',
      'delete',
      'axPos',
      'majorGridlines',
      'minorGridlines',
      'title',
      'numFmt',
      'majorTickMark',
      'minorTickMark',
      'tickLblPos',
      'spPr',
      'txPr',
      'crossAx',
      'crosses',
      'crossesAt',
      'auto',
      'lblAlgn',
      'lblOffset',
      'tickLblSkip',
      'tickMarkSkip',
      'noMultiLvlLbl',
      'extLst',
    ]),
  },
};

/**
 * The children of `el` in `model`'s order (an element, or the XML of a required one added),
 * at most `max` of a kind; undefined when el holds anything the model does not name or text
 * between its children (then it is left alone, and the schema check says what is wrong).
 */
function reorder(
  xml: string,
  el: XmlElement,
  model: ContentModel,
): (XmlElement | string)[] | undefined {
  const rank = new Map(model.order.map((n, i) => [n, i]));
  const kids = el.children.filter((k) => !model.drop?.includes(k.name));
  if (kids.some((k) => !rank.has(k.name))) return undefined;
  const all = el.children;
  for (let i = 1; i < all.length; i++)
    if (xml.slice((all[i - 1] as XmlElement).end, (all[i] as XmlElement).start).trim())
      return undefined;
  const added = Object.entries(model.required ?? {})
    .filter(([name]) => !kids.some((k) => k.name === name))
    .map(([name, part]) => ({ name, part }));
  const seen = new Map<string, number>();
  return [...kids.map((k) => ({ name: k.name, part: k as XmlElement | string })), ...added]
    .map((k, i) => ({ ...k, i }))
    .sort((a, b) => (rank.get(a.name) ?? 0) - (rank.get(b.name) ?? 0) || a.i - b.i)
    .filter(({ name }) => {
      const n = (seen.get(name) ?? 0) + 1;
      seen.set(name, n);
      return n <= (model.max?.[name] ?? Number.POSITIVE_INFINITY);
    })
    .map(({ part }) => part);
}

/** `xml` with the children of every element `models` names in schema order. */
export function inSchemaOrder(
  xml: string,
  models: Readonly<Record<string, ContentModel>> = PPTXGENJS_MODELS,
): string {
  const render = (el: XmlElement, parent = ''): string => {
    const kids = el.children;
    const first = kids[0];
    const last = kids[kids.length - 1];
    if (!first || !last) return xml.slice(el.start, el.end);
    const model = models[`${parent}>${el.name}`] ?? models[el.name];
    const sorted = model && reorder(xml, el, model);
    const head = xml.slice(el.start, first.start);
    const tail = xml.slice(last.end, el.end);
    if (sorted)
      return (
        head + sorted.map((k) => (typeof k === 'string' ? k : render(k, el.name))).join('') + tail
      );
    let inner = '';
    kids.forEach((k, i) => {
      inner += (i ? xml.slice((kids[i - 1] as XmlElement).end, k.start) : '') + render(k, el.name);
    });
    return head + inner + tail;
  };
  // parseXml answers the document element; the declaration before it is kept as it was.
  const doc = parseXml(xml);
  return xml.slice(0, doc.start) + render(doc) + xml.slice(doc.end);
}
