/**
 * Template errors that help (issue 28, item 7): the file and line where the mistake is, every
 * mistake of a build at once, unknown names in conditions, suggestions from the names that
 * exist, and `validate` judging the whole project. The CLI cases run the built command.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createEngine } from '../src/template/engine.js';
import { InputError, formatProblem } from '../src/errors.js';
import { STACK_FRAME, tempDir } from './helpers.js';

const engine = (files: Record<string, string>, collect = false) =>
  createEngine({ root: 'templates', files }, 'en-US', undefined, { collect });

function problemOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).problems.map(formatProblem).join('\n');
  }
  throw new Error('expected an InputError');
}

const aid = { id: 'japan-loans', name: 'Aid', amount: 5, currency: 'USD' };
const vests = { id: 'japan-vests', name: 'Vests' };

describe('names in conditions', () => {
  it('an unknown name in if, unless, elsif and case is an error with the name that exists', () => {
    const scope = { m: aid };
    for (const tpl of [
      '{% if m.amuont %}x{% endif %}',
      '{% unless m.amuont %}x{% endunless %}',
      '{% if false %}{% elsif m.amuont %}x{% endif %}',
      '{% case m.amuont %}{% when 5 %}x{% endcase %}',
      '{% if m.amuont > 1 and m.name %}x{% endif %}',
      '{{ m.amuont | default: 1 }}',
    ]) {
      const msg = problemOf(() => engine({ 'a.liquid': tpl }).render('a.liquid', scope));
      expect(msg, tpl).toMatch(/^templates\/a\.liquid:1:\d+: .*unknown name "m\.amuont"/);
      expect(msg, tpl).toMatch(/did you mean "m\.amount"\?/);
      expect(msg, tpl).not.toMatch(/define it in the data/);
    }
    expect(
      problemOf(() => engine({ 'a.liquid': '{% if mm %}{% endif %}' }).render('a.liquid', scope)),
    ).toMatch(/unknown name "mm"; did you mean "m"\?/);
  });
  it('a field the schema knows but this record leaves out is false, not an error', () => {
    const e = engine({
      'a.liquid':
        '{% for m in ms %}{% if m.amount %}{{ m.amount }}{% else %}none{% endif %}' +
        '{% unless m.itemsAreExamples %}!{% endunless %}' +
        '{% case m.currency %}{% when "USD" %}${% else %}?{% endcase %};{% endfor %}',
    });
    expect(e.render('a.liquid', { ms: [aid, vests] })).toBe('5!$;none!?;');
  });
  it('printing a field this record leaves out says so, and asks for no invented data', () => {
    const msg = problemOf(() =>
      engine({ 'a.liquid': '{{ m.amount }}' }).render('a.liquid', { m: vests }),
    );
    expect(msg).toMatch(
      /"m\.amount" is not stated for this record; print it inside \{% if m\.amount %\}/,
    );
    expect(msg).not.toMatch(/define it/);
  });
  it('an id the data lacks is false in a condition; one a letter off an id is a typo', () => {
    const scope = { measure: { 'japan-loans': aid, 'japan-vests': vests } };
    const e = engine({
      'a.liquid': '{% if measure["korea-loans"] %}x{% else %}none{% endif %}',
      'b.liquid': '{% if measure["japan-laons"] %}x{% endif %}',
    });
    expect(e.render('a.liquid', scope)).toBe('none');
    expect(problemOf(() => e.render('b.liquid', scope))).toMatch(
      /no record "japan-laons" here; did you mean "japan-loans"\?/,
    );
  });
  it('"actor.nato" on data without it never asks the user to define it in the data', () => {
    const e = engine({ 'a.liquid': '{% if actor.nato %}x{% endif %}{{ actor.nato.fullName }}' });
    for (const actor of [{}, { nz: { id: 'nz', name: 'New Zealand' } }]) {
      const msg = problemOf(() => e.render('a.liquid', { actor }));
      // The condition is false; the error is where the name would print.
      expect(msg).toMatch(
        /^templates\/a\.liquid:1:35: template error: "actor\.nato": the data has no record "nato" here/,
      );
      expect(msg).not.toMatch(/define it/);
    }
  });
  it('a step through a value null in every record is not judged (no names to judge it by)', () => {
    const e = engine({ 'a.liquid': '{% if rank and rank.of > 1 %}x{% else %}none{% endif %}' });
    expect(e.render('a.liquid', { rank: null })).toBe('none');
  });
  it('a variable set later, or a partial argument a caller leaves out, is false', () => {
    const e = engine({
      'a.liquid':
        '{% if later %}x{% endif %}{% assign later = 1 %}{% render "p.liquid", x: 1 %}' +
        '{% render "p.liquid", x: 2, extra: 3 %}',
      'p.liquid': '{{ x }}{% if extra %}+{{ extra }}{% endif %};',
    });
    expect(e.render('a.liquid', {})).toBe('1;2+3;');
  });
});

describe('where a template error is reported', () => {
  it('names the included file and its line and column, not the includer', () => {
    const e = engine({
      'body.liquid': 'one\ntwo {% render "partners/x.liquid", p: p %}',
      'partners/x.liquid': 'first\n## {{ p.nmae }}',
    });
    expect(problemOf(() => e.render('body.liquid', { p: { name: 'X' } }))).toBe(
      'templates/partners/x.liquid:2:7: template error: unknown name "p.nmae": "nmae" is not a ' +
        'field of p nor of any record in the data; did you mean "p.name"?',
    );
  });
  it('a collecting engine lists every error, in every loop pass and partial, each once', () => {
    const e = engine(
      {
        'body.liquid':
          '{{ bulletin.titel }}{% for p in ps %}{% render p.template, p: p %}{% endfor %}',
        'a.liquid': '{{ p.nmae }}{{ p.nmae }}',
        'b.liquid': '{% if p.rol %}{% endif %}',
      },
      true,
    );
    const scope = {
      bulletin: { title: 'T' },
      ps: [
        { name: 'A', role: 'r', template: 'a.liquid' },
        { name: 'B', role: 'r', template: 'a.liquid' },
        { name: 'C', role: 'r', template: 'b.liquid' },
      ],
    };
    expect(e.render('body.liquid', scope)).toBe('');
    expect(e.problems().map(formatProblem)).toEqual([
      expect.stringMatching(/^templates\/a\.liquid:1:4: .*"p\.nmae"/),
      expect.stringMatching(/^templates\/a\.liquid:1:16: .*"p\.nmae"/),
      expect.stringMatching(/^templates\/b\.liquid:1:7: .*"p\.rol".*did you mean "p\.role"/),
      expect.stringMatching(/^templates\/body\.liquid:1:4: .*"bulletin\.titel".*"bulletin\.title"/),
    ]);
  });
});

const bin = path.resolve('dist/cli/bin.js');
const run = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });

/** A copy of the seed project with the given template edits. */
function seedWith(edits: Record<string, [string, string][]>): string {
  const dir = tempDir('bulletin-tplerr-');
  cpSync('data', path.join(dir, 'data'), { recursive: true });
  cpSync('templates', path.join(dir, 'templates'), { recursive: true });
  for (const [file, pairs] of Object.entries(edits)) {
    const target = path.join(dir, 'templates', file);
    let text = readFileSync(target, 'utf8');
    for (const [from, to] of pairs) {
      expect(text.includes(from), `${file}: ${from}`).toBe(true);
      text = text.replace(from, to);
    }
    writeFileSync(target, text);
  }
  return dir;
}

const PLANTED = {
  'bulletin/partners/japan.md.liquid': [['## {{ p.name }}', '## {{ p.nmae }}']],
  'bulletin/body.md.liquid': [
    ['{% if first.firstParticipation %}', '{% if first.firstParticipaton %}'],
  ],
  'deck/footer.liquid': [['{{', '{% unless p.rol %}{% endunless %}{{']],
} satisfies Record<string, [string, string][]>;

describe('the built CLI', () => {
  it('build lists every template error of the seed at once, where each is, and exits 1', () => {
    const dir = seedWith(PLANTED);
    const r = run(dir, 'build');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/3 problems in the input/);
    expect(r.stderr).toMatch(
      /templates\/bulletin\/partners\/japan\.md\.liquid:6:7: .*did you mean "p\.name"\?/,
    );
    expect(r.stderr).toMatch(
      /templates\/bulletin\/body\.md\.liquid:24:\d+: .*"first\.firstParticipaton".*did you mean "first\.firstParticipation"\?/,
    );
    expect(r.stderr).toMatch(/templates\/deck\/footer\.liquid:1:\d+: .*"p\.rol"/);
    expect(r.stderr).not.toMatch(/define it in the data/);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(existsSync(path.join(dir, 'output'))).toBe(false);
  });
  it('validate finds the same mistakes, a missing font and a missing deck template', () => {
    const dir = seedWith({
      ...PLANTED,
      'deck/deck.json': [['"footer": "deck/footer.liquid"', '"footer": "deck/foter.liquid"']],
    });
    expect(run(dir, 'validate').stderr).toMatch(
      /deck\.json:\d+:\d+: footer: template "deck\/foter/,
    );
    rmSync(path.join(dir, 'templates/theme/fonts/SourceSerif4-Italic.ttf'));
    writeFileSync(
      path.join(dir, 'templates/bulletin/about.md.liquid'),
      `{% if bulletin %}${readFileSync(path.join(dir, 'templates/bulletin/about.md.liquid'))}`,
    );
    const r = run(dir, 'validate');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/theme\.json:\d+:\d+: fonts\.serif\.italic: font file .* not found/);
    expect(r.stderr).toMatch(
      /about\.md\.liquid:1:1: template error: tag \{% if bulletin %\} not closed/,
    );
    expect(r.stderr).toMatch(/deck\.json:\d+:\d+: footer: /);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });
  it('validate renders the templates against the data', () => {
    const dir = seedWith(PLANTED);
    const r = run(dir, 'validate');
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toBe('3 problems in templates');
    expect(existsSync(path.join(dir, 'output'))).toBe(false);
  });
  it('validate passes a correct seed, Pacific and init project', () => {
    expect(run(process.cwd(), 'validate')).toMatchObject({ status: 0, stderr: '' });
    const pacific = path.resolve('tests/fixtures/pacific');
    expect(run(pacific, 'validate')).toMatchObject({ status: 0, stderr: '' });
    const init = path.join(tempDir('bulletin-tplerr-init-'), 'p');
    expect(run(process.cwd(), 'init', init).status).toBe(0);
    expect(run(init, 'validate')).toMatchObject({ status: 0, stderr: '' });
  });
});

describe('warnings about what pages and decks show', () => {
  it('a chart nothing shows gets no warning; a chart or slide that drops out gets one', () => {
    const plain = seedWith({});
    const before = run(plain, 'build', '--quiet');
    expect(before.status, before.stderr).toBe(0);
    expect(before.stderr).toMatch(/chart "partner-aid-breakdown-japan" has only one value/);
    const dir = seedWith({
      // The aid slide no longer shows the breakdown chart: nothing uses it.
      'deck/deck.json': [
        ['"chart": "partner-aid-breakdown"', '"unused": 0'],
        ['"requires": "p.quotes"', '"requires": "p.nothing_here"'],
      ],
      'charts/charts.json': [['"measure": "oil-stock-release"', '"measure": "sanctions"']],
    });
    // Not a deck.json key: take it out again, keeping the rest of the edit.
    const deckJson = path.join(dir, 'templates/deck/deck.json');
    writeFileSync(deckJson, readFileSync(deckJson, 'utf8').replace(', "unused": 0', ''));
    const r = run(dir, 'build', '--quiet');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/partner-aid-breakdown-japan/);
    expect(r.stderr).toMatch(
      /warning: chart "oil-releases" has nothing to draw in this data .*so the bulletin leaves it out/,
    );
    expect(r.stderr).toMatch(
      /warning: deck slide "quotes" is left out of every deck \(4\): the data has nothing for "p\.nothing_here"/,
    );
    expect(r.stderr.match(/chart "oil-releases"/g)).toHaveLength(1);
  });
});
