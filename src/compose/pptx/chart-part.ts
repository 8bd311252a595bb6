/**
 * A chart part as pptxgenjs wrote it, made right: value labels on one line, the fixes of
 * native-charts.ts, and the schema's order of children (schema-order.ts).
 */
import { fixChartXml } from './native-charts.js';
import { inSchemaOrder } from './schema-order.js';
import { remembered } from '../../dataset/memo.js';

/**
 * Value labels on one line: pptxgenjs writes an empty <a:bodyPr/>, and LibreOffice then wraps
 * "$30 million" onto two lines even with room to spare; wrap="none" is what PowerPoint writes.
 */
export function unwrapDataLabels(xml: string): string {
  return xml.replace(
    /(<c:dLbls>(?:<c:numFmt [^>]*\/>)?<c:txPr>)<a:bodyPr\/>/g,
    '$1<a:bodyPr wrap="none"/>',
  );
}

/**
 * A chart part with pptxgenjs's mistakes fixed, kept by its text: every deck of a build shows
 * the bulletin-wide charts, whose parts are the same in each, and parsing them again for each
 * deck grew with the partners twice over. Bounded by count: a build's charts are few.
 */
export const fixedChart: (xml: string) => string = remembered(
  (xml: string) => xml,
  (xml: string) => inSchemaOrder(fixChartXml(unwrapDataLabels(xml))),
  200,
);
