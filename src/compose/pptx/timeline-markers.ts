/**
 * A timeline's dots that coincide: one partner's aid and a meeting on the same day (the gcf
 * fixture: a pledge made at a pledging conference), or two meetings a day apart (in the
 * seed), are drawn at one spot of the dot plot, and the later series hid the earlier one
 * entirely. A series with a dot on top of an earlier one is drawn smaller and darker, with a
 * white rim (a hollow dot keeps its coloured rim), so each date reads as a dot on a dot. Per
 * series, not per point: LibreOffice ignores a point's own marker (`c:dPt`). Works on the
 * chart XML pptxgenjs writes, after the hollow markers; a timeline with no dots that meet is
 * left as it was.
 */

/** A dot's size in points, by how many dots lie under it (the chart draws them at 11). */
const SIZES = [11, 7, 4];
/**
 * Dots closer than this share of the date axis overlap: an 11 pt dot on the deck's plot, about
 * two inches of dates, covers some 8 % of it.
 */
const NEAR = 0.08;

interface Point {
  series: number;
  row: number;
  value: number;
}

const num = (re: RegExp, s: string) => Number(re.exec(s)?.[1] ?? Number.NaN);

/** The points of each series of a line chart's XML. */
function pointsOf(series: string[]): Point[] {
  return series.flatMap((ser, i) => {
    const val = /<c:val>[\s\S]*?<\/c:val>/.exec(ser)?.[0] ?? '';
    return [...val.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v>/g)].map((m) => ({
      series: i,
      row: Number(m[1]),
      value: Number(m[2]),
    }));
  });
}

/** How many earlier dots each dot overlaps, transitively: 0 for a dot drawn on bare ground. */
function depths(points: Point[], near: number): Map<Point, number> {
  const depth = new Map<Point, number>();
  // Only dots of one row can meet: each row's, found once (a timeline of every partner).
  const byRow = new Map<number, Point[]>();
  for (const p of points) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);
  for (const p of points) {
    const under = (byRow.get(p.row) ?? []).filter(
      (q) => q.series < p.series && Math.abs(q.value - p.value) <= near,
    );
    depth.set(p, under.length === 0 ? 0 : 1 + Math.max(...under.map((q) => depth.get(q) ?? 0)));
  }
  return depth;
}

/** A colour a third of the way to black: a dot on a dot of its own colour still shows. */
function darker(hex: string): string {
  const c = [0, 2, 4].map((i) => Math.round(Number.parseInt(hex.slice(i, i + 2), 16) * 0.6));
  return c.map((v) => v.toString(16).padStart(2, '0').toUpperCase()).join('');
}

/**
 * The series' marker at another size, its fill darker; a solid dot also gets a white rim to
 * part it from the ring (PowerPoint draws it; LibreOffice draws no marker outline, so the
 * darker fill is what tells two meetings a day apart from one).
 */
function smallerMarker(marker: string, size: number): string {
  const sized = marker
    .replace(/<c:size val="\d+"\/>/, `<c:size val="${size}"/>`)
    .replace(/(<c:spPr>\s*<a:solidFill><a:srgbClr val=")([0-9A-Fa-f]{6})/, (_, head, hex) => {
      return `${head}${darker(hex)}`;
    });
  if (!/<a:ln w="9525"/.test(sized)) return sized;
  return sized.replace(
    /<a:ln w="9525"([^>]*)><a:solidFill><a:srgbClr val="[0-9A-Fa-f]{6}"\/><\/a:solidFill>/,
    '<a:ln w="12700"$1><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>',
  );
}

/** Makes coinciding dots of a timeline's chart XML readable; other charts pass unchanged. */
export function separateCoincidentDots(xml: string): string {
  if (!xml.includes('<c:lineChart>')) return xml;
  const max = num(/<c:valAx>[\s\S]*?<c:max val="([\d.]+)"\/>/, xml);
  const min = num(/<c:valAx>[\s\S]*?<c:min val="([\d.]+)"\/>/, xml);
  if (!(max > min)) return xml;
  const series = [...xml.matchAll(/<c:ser>[\s\S]*?<\/c:ser>/g)].map((m) => m[0]);
  const points = pointsOf(series);
  const depth = depths(points, (max - min) * NEAR);
  if (![...depth.values()].some((d) => d > 0)) return xml;
  const size = series.map((_, i) => {
    const deepest = Math.max(
      0,
      ...points.filter((p) => p.series === i).map((p) => depth.get(p) ?? 0),
    );
    return SIZES[Math.min(deepest, SIZES.length - 1)] ?? 4;
  });
  let i = -1;
  return xml.replace(/<c:ser>[\s\S]*?<\/c:ser>/g, (ser) => {
    i += 1;
    const marker = /<c:marker>[\s\S]*?<\/c:marker>/.exec(ser)?.[0];
    const to = size[i] ?? 11;
    return marker && to !== SIZES[0] ? ser.replace(marker, smallerMarker(marker, to)) : ser;
  });
}
