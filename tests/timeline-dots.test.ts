/**
 * A deck timeline's dots that fall on one spot stay readable (issue 28): two meetings of
 * Australia a day apart (April 5 and 6, 2022, in the seed) and any aid or meeting a few days
 * from another dot of the same partner were drawn over each other, the later hiding the
 * earlier. The later series is drawn smaller and darker, so each dot shows; a series on bare
 * ground keeps the full size. Read from the chart XML of the deck the built CLI writes, and
 * from the chart config the PDF and chart files are drawn with (gcf: Japan's pledge on the day
 * of the Bonn conference hid the meeting's diamond).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { tempDir } from './helpers.js';
import { prepare } from '../src/index.js';
import { getCharts } from '../src/charts/render.js';
import { timelineConfig } from '../src/charts/timeline-config.js';
import type { TimelineData } from '../src/charts/data.js';
import { estimateText } from '../src/charts/chart-style.js';

const BIN = path.resolve('dist/cli/bin.js');

interface Series {
  name: string;
  size: number;
  fill: string;
  points: { row: number; value: number }[];
}

let series: Series[] = [];
let span = 0;

beforeAll(() => {
  const out = path.join(tempDir('bulletin-dots-'), 'output');
  execFileSync('node', [BIN, 'build', '--jobs', '1', '--only', 'decks', '--out', out]);
  const parts = unzipSync(readFileSync(path.join(out, 'decks/australia.pptx')));
  const name = Object.keys(parts).find(
    (n) => /^ppt\/charts\/chart\d+\.xml$/.test(n) && strFromU8(parts[n]!).includes('lineChart'),
  );
  const xml = strFromU8(parts[name!]!);
  const bound = (k: string) => Number(new RegExp(`<c:${k} val="([\\d.]+)"/>`).exec(xml)![1]);
  span = bound('max') - bound('min');
  series = [...xml.matchAll(/<c:ser>[\s\S]*?<\/c:ser>/g)].map(([ser]) => {
    const marker = /<c:marker>[\s\S]*?<\/c:marker>/.exec(ser)![0];
    const val = /<c:val>[\s\S]*?<\/c:val>/.exec(ser)![0];
    return {
      name: /<c:tx>[\s\S]*?<c:v>([^<]*)<\/c:v>/.exec(ser)![1]!,
      size: Number(/<c:size val="(\d+)"/.exec(marker)![1]),
      fill: /<a:srgbClr val="(\w{6})"/.exec(marker)![1]!,
      points: [...val.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v>/g)].map((m) => ({
        row: Number(m[1]),
        value: Number(m[2]),
      })),
    };
  });
}, 120_000);

describe('timeline dots in a deck', () => {
  it('draws a dot that meets an earlier one smaller, and darker when both share a colour', () => {
    let met = 0;
    series.forEach((s, i) => {
      for (const p of s.points)
        for (const t of series.slice(0, i))
          for (const q of t.points)
            if (q.row === p.row && Math.abs(q.value - p.value) <= span * 0.08) {
              met += 1;
              expect(s.size, `${s.name} over ${t.name}`).toBeLessThan(t.size);
              if (s.name === t.name) expect(s.fill).not.toBe(t.fill);
            }
    });
    // Australia's meetings on April 5 and 6, 2022 at least.
    expect(met).toBeGreaterThan(0);
  });

  it('keeps the full size for a series that meets no earlier dot', () => {
    expect(series[0]!.size).toBe(11);
    const first = series.find((s) => s.name === 'Earliest dated aid');
    expect(first?.size).toBe(11);
  });
});

describe('timeline dots in the PDF and chart files', () => {
  it('draws an aid dot on the day of a meeting smaller, so the meeting shows round it', async () => {
    const ctx = await prepare({
      data: 'tests/fixtures/gcf/data/bulletin.json',
      templates: 'tests/fixtures/gcf/templates',
      out: tempDir(),
    });
    const chart = getCharts(ctx).find((c) => c.data.kind === 'timeline')!;
    const d = chart.data as TimelineData;
    const config = timelineConfig(d, ctx.theme.theme, 'en-GB', {
      width: chart.width,
      height: chart.height,
      measure: estimateText,
    });
    const radius = (si: number, row: string) => {
      const i = d.series[si]!.points.findIndex((p) => d.rows[p.row] === row);
      return (config.data.datasets[si]!.pointRadius as number[])[i];
    };
    // Japan pledged at the Bonn conference on 5 October 2023: its aid dot sits on the meeting.
    expect(radius(0, 'Japan')).toBeLessThan(radius(0, 'Austria')!);
    // Austria's pledge (April 2023) meets nothing.
    expect(radius(0, 'Austria')).toBe(3.2);
  });
});
