/**
 * The bad-input corpus: one case file each in tests/bad-input/. Every case must exit 1 with
 * a message that names the file and the place and says what to do, print no stack trace,
 * and leave a previous build in output/ byte for byte as it was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { cli, seedText, STACK_FRAME, tempDir } from './helpers.js';

interface Case {
  what: string;
  /** Edits to the seed data, or the whole data file as text, or a path to use as --data. */
  data?: { replace?: [string, string][]; text?: string; path?: string };
  /** Edits to one template file, or a file to write, or a file to delete. */
  templates?: { file: string; replace?: [string, string][]; text?: string; delete?: boolean };
  args?: string[];
  expect: { message: string; file: string; place?: 'line' | 'path' | 'both' | 'none' };
}

const DIR = 'tests/bad-input';
const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
let goodOut: string;

const hashTree = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true })
      .map(String)
      .sort()
      .map((f) => {
        try {
          return [
            f,
            createHash('sha256')
              .update(readFileSync(path.join(dir, f)))
              .digest('hex'),
          ];
        } catch {
          return [f, 'dir'];
        }
      }),
  );

beforeAll(async () => {
  goodOut = tempDir('bulletin-good-');
  const r = await cli(['build', '--out', goodOut]);
  expect(r.code, r.err).toBe(0);
}, 60_000);

describe('bad-input corpus', () => {
  it('has at least 45 cases', () => expect(cases.length).toBeGreaterThanOrEqual(45));

  it.each(cases)(
    '%s',
    async (name) => {
      const c = JSON.parse(readFileSync(path.join(DIR, name), 'utf8')) as Case;
      const work = tempDir('bulletin-bad-');
      const out = path.join(work, 'output');
      cpSync(goodOut, out, { recursive: true });
      const before = hashTree(out);
      let dataFile = 'data/bulletin.json';
      if (c.data?.path !== undefined) dataFile = c.data.path.replace('$WORK', work);
      else if (c.data) {
        let text = c.data.text ?? seedText();
        for (const [from, to] of c.data.replace ?? []) {
          expect(text.includes(from), `${name}: edit not found: ${from}`).toBe(true);
          text = text.replace(from, to);
        }
        dataFile = path.join(work, 'bulletin.json');
        writeFileSync(dataFile, text);
      }
      let templates = 'templates';
      if (c.templates) {
        templates = path.join(work, 'templates');
        cpSync('templates', templates, { recursive: true });
        const target = path.join(templates, c.templates.file);
        if (c.templates.delete) rmSync(target);
        else if (c.templates.text !== undefined) {
          mkdirSync(path.dirname(target), { recursive: true });
          writeFileSync(target, c.templates.text);
        } else {
          let text = readFileSync(target, 'utf8');
          for (const [from, to] of c.templates.replace ?? []) {
            expect(text.includes(from), `${name}: template edit not found: ${from}`).toBe(true);
            text = text.replace(from, to);
          }
          writeFileSync(target, text);
        }
      }
      const args = (c.args ?? ['build']).map((a) => a.replace('$WORK', work));
      const withInputs =
        args[0] === 'schema'
          ? args
          : [
              ...args,
              '--data',
              dataFile,
              '--templates',
              templates,
              ...(args[0] === 'build' ? ['--out', out] : []),
            ];
      const r = await cli(
        args[0] === 'validate'
          ? [...args, '--data', dataFile, '--templates', templates]
          : withInputs,
      );
      expect(r.code, `${name}: ${r.err}${r.out}`).toBe(1);
      expect(r.err).toMatch(new RegExp(c.expect.message));
      const file = c.expect.file
        .replace('$WORK', work)
        .replace('$DATA', dataFile)
        .replace('$TEMPLATES', templates);
      expect(r.err).toContain(file);
      const place = c.expect.place ?? 'both';
      const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (place === 'line' || place === 'both')
        expect(r.err).toMatch(new RegExp(`${escaped}:\\d+:\\d+`));
      if (place === 'path' || place === 'both')
        expect(r.err).toMatch(new RegExp(`${escaped}(:\\d+:\\d+)?: [\\w$\\[\\]."-]+: `));
      expect(r.err).not.toMatch(STACK_FRAME);
      expect(hashTree(out)).toEqual(before);
    },
    30_000,
  );
});
