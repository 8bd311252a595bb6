/** Which changed paths `bulletin watch` ignores: editors' scratch files, output/, node_modules. */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ignoredBy, isEditorScratch } from '../src/cli/watch-paths.js';

describe('editor scratch files', () => {
  it.each([
    '4913',
    '5036',
    '.bulletin.json.swp',
    '.bulletin.json.swx',
    'bulletin.json~',
    '.#bulletin.json',
    '#bulletin.json#',
    'bulletin.json___jb_tmp___',
    'bulletin.json___jb_old___',
    '.output.lock',
  ])('ignores %s', (name) => expect(isEditorScratch(name)).toBe(true));

  it.each(['bulletin.json', 'body.md.liquid', 'charts.json', 'deck.potx', '2025.json', 'x.swap'])(
    'watches %s',
    (name) => expect(isEditorScratch(name)).toBe(false),
  );
});

describe('ignored paths under the watched folders', () => {
  const root = path.resolve('/home/a/.projects/x');
  const ignored = ignoredBy(path.join(root, 'output'), [root, path.join(root, 'templates')]);
  it('judges only the part below the watched folder (a project may live in a dot folder)', () => {
    expect(ignored(path.join(root, 'data', 'bulletin.json'))).toBe(false);
    expect(ignored(path.join(root, 'templates', 'deck', 'deck.json'))).toBe(false);
  });
  it('ignores the output folder, node_modules and hidden folders', () => {
    expect(ignored(path.join(root, 'output'))).toBe(true);
    expect(ignored(path.join(root, 'output', 'bulletin.pdf'))).toBe(true);
    expect(ignored(path.join(root, 'node_modules', 'x', 'index.js'))).toBe(true);
    expect(ignored(path.join(root, '.git', 'index'))).toBe(true);
    expect(ignored(path.join(root, 'outputs', 'x.json'))).toBe(false);
  });
});
