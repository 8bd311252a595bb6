import { describe, expect, it } from 'vitest';
import { createEngine } from '../src/template/engine.js';
import { InputError, formatProblem } from '../src/errors.js';
import { parseMarkdown } from '../src/template/markdown.js';

const set = (files: Record<string, string>) => createEngine({ root: 'templates', files }, 'en-US');

function problemOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).problems.map(formatProblem).join('\n');
  }
  throw new Error('expected an InputError');
}

describe('template engine strictness', () => {
  it('renders filters with the locale', () => {
    const e = set({
      'a.liquid':
        '{{ m | money }} on {{ d | date: "no-year" }}; {{ ps | map: "name" | list }}; {{ q | quantity }}',
    });
    expect(
      e
        .render('a.liquid', {
          m: { amount: 3e8, currency: '$' },
          d: '2022-04-19',
          ps: [{ name: 'A' }, { name: 'B' }, { name: 'C' }],
          q: { value: 6000, unit: 'visas', qualifier: 'over' },
        })
        .replace(/\u00a0/g, ' '),
    ).toBe('$300 million on April 19; A, B, and C; over 6,000 visas');
  });
  it('keeps stated digits unless a template asks for rounding with digits: n', () => {
    const e = set({
      'r.liquid':
        '{{ m | money }}; {{ m | money: digits: 1 }}; {{ 1150000 | money: "WST", digits: 0 }}; {{ 867000 | scaled }}; {{ 11650000 | scaled: digits: 1 }}; {{ q | quantity }}',
    });
    expect(
      e
        .render('r.liquid', {
          m: { amount: 1_150_000, currency: 'WST' },
          q: { value: 22_500_000, unit: 'barrels' },
        })
        .replace(/\u00a0/g, ' '),
    ).toBe(
      'WST 1.15 million; WST 1.2 million; WST 1 million; 867,000; 11.7 million; 22.5 million barrels',
    );
    expect(
      problemOf(() => set({ 'x.liquid': '{{ 5 | money: "$", round: 1 }}' }).render('x.liquid', {})),
    ).toMatch(/filter "money" has no option "round"/);
  });
  it('an undefined variable names the template, line and variable', () => {
    const e = set({ 'b.liquid': 'first line\nsecond {{ partner.nmae }}' });
    expect(problemOf(() => e.render('b.liquid', { partner: { name: 'x' } }))).toBe(
      'templates/b.liquid:2:11: template error: unknown name "partner.nmae": "nmae" is not a field of partner nor of any record in the data; did you mean "partner.name"?',
    );
  });
  it('an unknown filter and a syntax error are template errors with positions', () => {
    const e = set({ 'c.liquid': '{{ 1 | shout }}', 'd.liquid': 'x\n{% if a %}open' });
    expect(problemOf(() => e.render('c.liquid', {}))).toMatch(
      /^templates\/c\.liquid:1:1: template error: undefined filter: shout/,
    );
    expect(problemOf(() => e.render('d.liquid', { a: 1 }))).toMatch(
      /^templates\/d\.liquid:2:1: template error: tag .* not closed/,
    );
  });
  it('cannot reach constructors, prototypes, the environment or other files', () => {
    for (const [source, word] of [
      ['{{ constructor }}', 'constructor'],
      ['{{ p.constructor.name }}', 'constructor'],
      ['{{ p.__proto__ }}', '__proto__'],
      ['{% for x in (1..2) %}{{ forloop.constructor }}{% endfor %}', 'constructor'],
      ['{{ p["prototype"] }}', 'prototype'],
    ]) {
      // A partial is checked too: the template rendered only includes it.
      const e = set({ 'a.liquid': '{% render "_p" %}', '_p.liquid': source! });
      expect(
        problemOf(() => e.render('a.liquid', { p: { name: 'x' } })),
        source,
      ).toMatch(
        new RegExp(
          `_p\\.liquid:1:\\d+: template error: "${word}" is not something a template may read`,
        ),
      );
    }
    const e = set({
      'h.liquid': '{% include "/etc/passwd" %}',
      'i.liquid': '{{ process.env.HOME }}',
    });
    expect(problemOf(() => e.render('i.liquid', {}))).toMatch(/unknown name "process"/);
    expect(problemOf(() => e.render('h.liquid', {}))).toMatch(/template error/);
  });
  it('a filter given the wrong kind of value says so', () => {
    const e = set({ 'j.liquid': '{{ x | money }}' });
    expect(problemOf(() => e.render('j.liquid', { x: 'lots' }))).toMatch(
      /filter "money" needs a number, got "lots"/,
    );
  });
});

describe('Markdown prose', () => {
  it('becomes blocks of styled runs', () => {
    expect(
      parseMarkdown(
        '## Japan\n\nIn **February** it _acted_ & [linked](https://example.org).\nNext line.\n\n- one\n- two',
      ),
    ).toEqual([
      { kind: 'heading', level: 2, runs: [{ text: 'Japan' }] },
      {
        kind: 'paragraph',
        runs: [
          { text: 'In ' },
          { text: 'February', bold: true },
          { text: ' it ' },
          { text: 'acted', italic: true },
          { text: ' & ' },
          { text: 'linked', link: 'https://example.org' },
          { text: '. Next line.' },
        ],
      },
      { kind: 'list', ordered: false, items: [[{ text: 'one' }], [{ text: 'two' }]] },
    ]);
  });
  it('refuses raw HTML', () => {
    expect(() => parseMarkdown('<script>x</script>')).toThrow(/raw HTML is not allowed/);
  });
});

describe('remembered partials', () => {
  const files = {
    'p.liquid': '{% for x in xs %}{% render "row.liquid", x: x, loop: forloop %};{% endfor %}',
    'row.liquid': '{{ x.name }}{% if loop %}#{{ loop.index }}{% endif %}',
    'q.liquid': '{% for x in xs %}{% render "row.liquid", x: x %};{% endfor %}',
  };
  it('renders a partial given a forloop afresh each time, not from memory', () => {
    const e = set(files);
    const a = { name: 'A' };
    expect(e.render('p.liquid', { xs: [a, a, a] })).toBe('A#1;A#2;A#3;');
  });
  it('gives the same text for the same data, and new text for new data', () => {
    const e = set(files);
    const a = { name: 'A' };
    expect(e.render('q.liquid', { xs: [a, a] })).toBe('A;A;');
    // Equal-looking but different objects and a second scope: each read as it is.
    expect(e.render('q.liquid', { xs: [{ name: 'B' }, a, { name: 'A' }] })).toBe('B;A;A;');
  });
  it('renders a partial given a proxy (the bulletin records what it reads) every time', () => {
    const e = set(files);
    let reads = 0;
    const a = new Proxy(
      { name: 'A' },
      { get: (t, k) => (k === 'name' && reads++, Reflect.get(t, k)) },
    );
    expect(e.render('q.liquid', { xs: [a, a] })).toBe('A;A;');
    expect(reads).toBe(2);
  });
  it('still names the partial when it fails', () => {
    const e = set({ 'q.liquid': files['q.liquid'], 'row.liquid': '{{ x.nope }}' });
    expect(problemOf(() => e.render('q.liquid', { xs: [{ name: 'A' }] }))).toMatch(/nope/);
  });
});
