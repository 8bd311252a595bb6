/**
 * The web edition's stylesheet, inlined: one readable column from 360 px up, key figures
 * beside the text on wide screens, a dark scheme for prefers-color-scheme, and a print
 * stylesheet. Fonts are a system stack (no download, nothing embedded): the theme says serif
 * or sans for each style, and each maps to the reader's own faces.
 */
import type { Theme } from '../../model/theme.js';
import { schemeCss, schemesOf } from './colors.js';

const STACKS = {
  serif: '"Source Serif 4", "Source Serif Pro", Georgia, Cambria, "Times New Roman", serif',
  sans:
    '"Source Sans 3", "Source Sans Pro", system-ui, -apple-system, "Segoe UI", Roboto, Arial, ' +
    'sans-serif',
} as const;

/** The stylesheet for a theme. */
export function stylesheet(theme: Theme): string {
  const { light, dark } = schemesOf(theme);
  const t = theme.type;
  const fam = (k: keyof Theme['type']) => STACKS[t[k].family];
  const marks = light.palette
    .map((_, i) => `.c${i}{fill:var(--c${i});stroke:var(--c${i})}`)
    .join('');
  return `
:root{${schemeCss(light)};color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{${schemeCss(dark)}}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--paper);color:var(--ink);font-family:${fam('body')};font-size:1.125rem;line-height:1.6}
a{color:var(--accent);text-decoration:underline;text-underline-offset:.15em}
a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--paper);padding:.5rem 1rem}
.skip:focus{left:.5rem}
.masthead,main,.colophon{max-width:72rem;margin:0 auto;padding:0 1rem}
.masthead{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem;border-bottom:3px solid var(--accent);padding-top:1rem;padding-bottom:.4rem;font-family:${fam('masthead')};font-size:.95rem}
.masthead p{margin:0}
.series{font-weight:700;color:var(--accent);text-transform:uppercase;letter-spacing:.06em}
.issue{color:var(--muted)}
article{display:grid;grid-template-columns:minmax(0,42rem);justify-content:center;column-gap:3rem}
article>*{grid-column:1}
.head h1{font-family:${fam('title')};font-size:clamp(1.75rem,5vw,2.75rem);line-height:1.15;margin:1.25rem 0 .4rem}
.subtitle{font-family:${fam('subtitle')};font-style:italic;color:var(--muted);font-size:1.3rem;margin:0 0 .75rem}
.byline{font-family:${fam('byline')};color:var(--muted);font-size:1rem;margin:0 0 1rem}
.standfirst{font-family:${fam('standfirst')};font-size:1.25rem;line-height:1.5;border-bottom:1px solid var(--rule);padding-bottom:1rem;margin:0 0 1rem}
h2{font-family:${fam('heading')};color:var(--accent);font-size:1.05rem;text-transform:uppercase;letter-spacing:.04em;margin:2rem 0 .5rem}
h3,h4,h5,h6{font-family:${fam('heading')};font-size:1rem;margin:1.5rem 0 .4rem}
p{margin:0 0 .9rem}
.key-figures{background:var(--panel);border-top:3px solid var(--accent);padding:.75rem 1rem;margin:1rem 0;font-family:${fam('caption')}}
.key-figures h2{margin:0 0 .5rem}
.key-figures ul{margin:0;padding-left:1.1rem}
.key-figures li{margin:.35rem 0}
.pull-quote{margin:2rem 0;padding:0 0 0 1rem;border-left:4px solid var(--accent)}
.pull-quote blockquote{margin:0;padding:0;border:0;font-family:${fam('quote')};font-size:1.4rem;line-height:1.4}
.pull-quote blockquote p{margin:0}
.pull-quote figcaption{font-family:${fam('caption')};color:var(--muted);margin-top:.5rem}
blockquote{margin:1rem 0;padding-left:1rem;border-left:2px solid var(--rule)}
figure.chart{margin:2rem 0;font-family:${fam('caption')}}
figure.chart figcaption{margin-bottom:.5rem}
.chart-title{display:block;font-weight:700}
.takeaway{display:block;color:var(--ink)}
.chart-svg{display:block;width:100%;max-width:30rem;height:auto;font-family:${fam('caption')};font-size:15px;overflow:visible}
.chart-svg text{fill:var(--ink)}
.chart-svg .small{font-size:14px;fill:var(--muted)}
.chart-svg .panel{font-weight:700;fill:var(--muted)}
.chart-svg .grid{stroke:var(--rule);stroke-width:.75}
.chart-svg .tick{stroke:var(--rule);stroke-width:.75;stroke-dasharray:2 3}
.chart-svg .seam{stroke:var(--paper);stroke-width:1}
.accent{fill:var(--accent)}.rule{fill:var(--rule)}
${marks}
.mark{stroke-width:1.6}.hollow{fill:var(--paper)}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;margin:.5rem 0;font-size:.95rem}
.legend li{display:flex;align-items:center;gap:.35rem}
.key{width:.9rem;height:.9rem;flex:none}
.note{color:var(--muted);font-size:.95rem;margin:.5rem 0}
details{margin:.5rem 0}
summary{cursor:pointer;color:var(--accent);font-family:${fam('caption')}}
.table-wrap{overflow-x:auto;container-type:inline-size}
.table-wrap:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.cap{display:inline-block;position:sticky;left:0;max-width:100cqw}
table{border-collapse:collapse;font-family:${fam('caption')};font-size:.95rem;margin:.5rem 0;max-width:100%}
caption{text-align:left;font-weight:700;padding:.25rem 0}
th,td{text-align:left;vertical-align:top;padding:.3rem .6rem .3rem 0;border-bottom:1px solid var(--rule)}
td{font-variant-numeric:tabular-nums}
.back{border-top:1px solid var(--rule);margin-top:2rem;padding-top:1rem;font-family:${fam('note')};font-size:1rem}
.back h2{margin-top:1rem}
.sources li{margin:.3rem 0}
.disclaimer{color:var(--muted)}
a.fact{color:inherit;text-decoration-style:dotted;text-decoration-color:var(--accent)}
@media (min-width:64rem){
article{grid-template-columns:minmax(0,42rem) 18rem}
.key-figures{grid-column:2;grid-row:2 / span 3;align-self:start;position:sticky;top:1rem;margin-top:0}
}
@media print{
:root{${schemeCss(light)}}
@page{margin:18mm 16mm}
html{font-size:9.5pt}
body{line-height:1.45}
.skip,summary{display:none}
.masthead,main,.colophon{max-width:none;padding:0}
article{display:block}
.key-figures{break-inside:avoid;position:static}
figure.chart,.pull-quote,table,tr{break-inside:avoid}
h2,h3{break-after:avoid}
details::details-content{content-visibility:visible;display:block}
details table{display:table}
.chart-svg{max-width:26rem}
a{color:inherit}
.sources a[href^="http"]::after{content:" (" attr(href) ")";font-size:.9em}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`.trim();
}
