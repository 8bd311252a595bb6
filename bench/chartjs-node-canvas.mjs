// Paired timing: PNG charts drawn by bulletin's renderer (one chart.js per process, one canvas
// per chart, src/charts/draw.ts) against chartjs-node-canvas with one instance kept per canvas
// size, as issue 30 asked. Each instance loads a fresh chart.js, so a build whose charts come in
// many sizes pays that load per size. Run: node bench/chartjs-node-canvas.mjs
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ChartJSNodeCanvas } = require('chartjs-node-canvas');
const { createCanvas } = require('canvas');
const Chart = require('chart.js/auto');

const SCALE = 5; // PNG_SCALE in src/charts/draw.ts
const config = (dpr) => ({
  type: 'bar',
  data: {
    labels: ['Japan', 'South Korea', 'Australia', 'New Zealand'],
    datasets: [{ label: 'Aid', data: [300, 40, 190.2, 24] }],
  },
  options: { indexAxis: 'y', devicePixelRatio: dpr, responsive: false, animation: false },
});
// A seed build's charts: about fifteen, nearly all of a size of their own.
const sizes = Array.from({ length: 15 }, (_, i) => [250 + i * 3, 150 + i * 2]);

function ours() {
  for (const [w, h] of sizes) {
    const canvas = createCanvas(w * SCALE, h * SCALE);
    const chart = new Chart(canvas.getContext('2d', { alpha: false }), config(1));
    canvas.toBuffer('image/png');
    chart.destroy();
  }
}

function perSize() {
  const kept = new Map();
  for (const [w, h] of sizes) {
    const key = `${w}x${h}`;
    if (!kept.has(key)) kept.set(key, new ChartJSNodeCanvas({ width: w, height: h }));
    kept.get(key).renderToBufferSync(config(SCALE));
  }
}

ours();
const pairs = [];
for (let i = 0; i < 5; i++) {
  let t = performance.now();
  ours();
  const a = performance.now() - t;
  t = performance.now();
  perSize();
  pairs.push([Math.round(a), Math.round(performance.now() - t)]);
}
console.log(
  'ms for 15 PNG charts, [bulletin, chartjs-node-canvas per size]:',
  JSON.stringify(pairs),
);
