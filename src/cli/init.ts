/**
 * `bulletin init <dir>`: a new bulletin project that builds at once. The house theme and fonts
 * and the generic partner template are copied, and the sample data, generic prose, decks,
 * charts, README and CI workflow from scaffold/ are laid over them: the house prose and decks
 * name the house dataset's facts, so a new project needs templates that name none. A
 * package.json pins this version of bulletin, so the project builds the same on every machine
 * and in CI until someone chooses to upgrade.
 */
import { readdir, readFile } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { writeAtomic } from '../output/write.js';
import { datasetJsonSchema } from '../dataset/json-schema.js';
import { ExitCode, InputError } from '../errors.js';
import type { CliIO } from './io.js';
import { PACKAGE_ROOT as ROOT } from '../package-root.js';
import { PACKAGE_VERSION } from '../version.js';

/** Every file under a folder, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/**
 * The house prose and decks name the house dataset's topic (issue 12: "unused deck templates
 * hard-code NATO and 2022"), so a new project takes only the theme and the generic partner
 * template from them; scaffold/ brings its own generic prose, decks and charts.
 */
const isHouseOnly = (rel: string) =>
  !rel.startsWith(`theme${path.sep}`) &&
  rel !== path.join('bulletin', 'partners', '_default.md.liquid');

/** What git should not keep: the build (remade from the inputs) and the installed packages. */
const GITIGNORE = 'output/\nnode_modules/\n';
/**
 * npm's settings for the project: optional packages are left out. bulletin needs none, and
 * pdfjs-dist (which it reads PDFs with) pulls in @napi-rs/canvas, 33 MB of a native renderer
 * bulletin never calls (issue 30, item 7).
 */
const NPMRC = 'omit=optional\n';

/**
 * The project's package.json: bulletin pinned to this exact version, and the two commands
 * its CI workflow runs. npm names are lowercase URL-safe words, so the folder's name is
 * folded into one.
 */
export function projectPackageJson(dirName: string, version: string): string {
  const name =
    dirName
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[._-]+|[-]+$/g, '')
      .slice(0, 214) || 'bulletin-project';
  const pkg = {
    name,
    private: true,
    description: 'A bulletin: data/ and templates/ in, output/ out (made by bulletin init)',
    scripts: { build: 'bulletin build', verify: 'bulletin verify' },
    dependencies: { bulletin: version },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export async function initCommand(args: { dir: string }, io: CliIO): Promise<number> {
  const dir = path.resolve(args.dir);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new InputError('E_USAGE', [
      {
        file: args.dir,
        message:
          'the folder exists and is not empty; bulletin init makes a new project in an empty or ' +
          'new folder',
      },
    ]);
  }
  const files = new Map<string, Uint8Array>();
  const house = path.join(ROOT, 'templates');
  for (const rel of await filesUnder(house))
    if (!isHouseOnly(rel))
      files.set(path.join('templates', rel), await readFile(path.join(house, rel)));
  const scaffold = path.join(ROOT, 'scaffold');
  for (const rel of await filesUnder(scaffold))
    files.set(rel, await readFile(path.join(scaffold, rel)));
  files.set(
    path.join('data', 'bulletin.schema.json'),
    new TextEncoder().encode(datasetJsonSchema()),
  );
  const text = (t: string) => new TextEncoder().encode(t);
  // Written here, not kept in scaffold/: npm leaves every .gitignore and .npmrc out of a package.
  files.set('.gitignore', text(GITIGNORE));
  files.set('.npmrc', text(NPMRC));
  files.set('package.json', text(projectPackageJson(path.basename(dir), PACKAGE_VERSION)));
  for (const [rel, bytes] of files) await writeAtomic(path.join(dir, rel), bytes);
  io.out(
    `Created a bulletin project in ${args.dir} (${files.size} files).\nNext:\n  cd ${args.dir}\n ` +
      ` bulletin build     # or: bulletin preview, bulletin watch\nThen edit data/bulletin.json ` +
      `and templates/; README.md says what is where, and how to build it on GitHub ` +
      `(.github/workflows/bulletin.yml).`,
  );
  return ExitCode.ok;
}
