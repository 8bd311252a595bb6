/**
 * Template limits hold for a whole build, not for each render: a loop that stays under the
 * per-render limit in every deck template must still stop the build, with a message saying
 * which limit was reached. Small limits stand in for the real ones (30 s, 5 M characters).
 */
import { describe, expect, it } from 'vitest';
import { createEngine, TEMPLATE_LIMITS } from '../src/template/engine.js';
import { InputError } from '../src/errors.js';

const set = (files: Record<string, string>) => ({ root: 'templates', files });

function renderUntilRefused(render: () => string, max: number): { count: number; error: unknown } {
  for (let count = 0; count < max; count++) {
    try {
      render();
    } catch (error) {
      return { count, error };
    }
  }
  return { count: max, error: undefined };
}

describe('build-wide template budgets', () => {
  it('time: renders each under the per-render limit add up to the build limit, then stop', () => {
    const limits = { ...TEMPLATE_LIMITS, buildMs: 300 };
    const engine = createEngine(
      set({ 'deck/slow.liquid': '{% for i in (1..200) %}{{ i }}{% endfor %}' }),
      'en-GB',
      limits,
    );
    const { count, error } = renderUntilRefused(() => engine.render('deck/slow.liquid', {}), 5000);
    expect(count, String(error)).toBeGreaterThan(1);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('E_TEMPLATE_LIMIT');
    expect((error as Error).message).toMatch(
      /^templates\/deck\/slow\.liquid: templates took more than 0\.3 s in all during this build \(the limit for a whole build\)/,
    );
  });

  it('output: characters add up across renders to the build limit', () => {
    const engine = createEngine(set({ 'a.liquid': 'x'.repeat(600) }), 'en-GB', {
      ...TEMPLATE_LIMITS,
      buildChars: 1000,
    });
    expect(engine.render('a.liquid', {})).toHaveLength(600);
    expect(() => engine.render('a.liquid', {})).toThrow(
      /templates wrote more than 1,000 characters in all during this build/,
    );
  });
});
