/**
 * The GitHub side of the local workflow runner: runs with their event, branch and conclusion,
 * and the artifacts each run uploaded, kept in a folder that lasts from one run to the next
 * (as GitHub keeps them), with expiry from each artifact's retention-days at the simulated
 * time. tests/workflow-gh.cjs answers the workflow's `gh` calls from the same folder.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

export interface RunRecord {
  databaseId: number;
  event: string;
  headBranch: string;
  path: string;
  status: 'in_progress' | 'completed';
  attempt: number;
  conclusion: 'success' | 'failure' | null;
  createdAt: string;
}
interface ArtifactRecord {
  id: number;
  name: string;
  createdAt: string;
  retentionDays: number;
}

const DAY = 86_400_000;

export class LocalGitHub {
  readonly repository = 'local/bulletin';
  readonly token = 'local-token';
  readonly server = 'https://github.example';
  constructor(readonly dir: string) {
    mkdirSync(path.join(dir, 'runs'), { recursive: true });
  }

  /** A folder with `gh` in it, to put first on a step's PATH. */
  ghBin(): string {
    const bin = path.join(this.dir, 'bin');
    if (!existsSync(bin)) {
      mkdirSync(bin);
      symlinkSync(path.resolve('tests/workflow-gh.cjs'), path.join(bin, 'gh'));
    }
    return bin;
  }

  private runFile = (id: number) => path.join(this.dir, 'runs', String(id), 'run.json');

  run(id: number): RunRecord {
    return JSON.parse(readFileSync(this.runFile(id), 'utf8')) as RunRecord;
  }

  startRun(r: Omit<RunRecord, 'databaseId' | 'status' | 'conclusion' | 'attempt'>): number {
    const id = readdirSync(path.join(this.dir, 'runs')).length + 1;
    mkdirSync(path.dirname(this.runFile(id)), { recursive: true });
    const record: RunRecord = {
      ...r,
      databaseId: id,
      status: 'in_progress',
      conclusion: null,
      attempt: 0,
    };
    writeFileSync(this.runFile(id), JSON.stringify(record));
    return id;
  }

  /** Starts the run's next attempt (a re-run keeps the run's artifacts); returns its number. */
  attempt(id: number, rerun: boolean): number {
    const r = this.run(id);
    if (rerun && r.status !== 'completed') throw new Error(`run ${id} is still in progress`);
    const next = { ...r, attempt: r.attempt + 1, status: 'in_progress', conclusion: null };
    writeFileSync(this.runFile(id), JSON.stringify(next));
    return next.attempt;
  }

  finishRun(id: number, conclusion: 'success' | 'failure'): void {
    writeFileSync(
      this.runFile(id),
      JSON.stringify({ ...this.run(id), status: 'completed', conclusion }),
    );
  }

  artifactDir = (run: number, name: string) =>
    path.join(this.dir, 'runs', String(run), 'artifacts', name);

  artifactNames(run: number): string[] {
    const dir = path.join(this.dir, 'runs', String(run), 'artifacts');
    return existsSync(dir) ? readdirSync(dir).filter((n) => !n.endsWith('.json')) : [];
  }

  /** upload-artifact: fails on a name this run already has unless `overwrite`, as GitHub does. */
  upload(
    run: number,
    name: string,
    files: { root: string; files: string[] },
    o: { retentionDays: number; overwrite: boolean; now: Date },
  ): void {
    const dir = this.artifactDir(run, name);
    if (existsSync(dir) && !o.overwrite)
      throw new Error(`artifact ${name} already exists in run ${run} (set overwrite: true)`);
    rmSync(dir, { recursive: true, force: true });
    for (const f of files.files) cpSync(f, path.join(dir, path.relative(files.root, f)));
    const record: ArtifactRecord = {
      id: run * 1000 + this.artifactNames(run).length,
      name,
      createdAt: o.now.toISOString(),
      retentionDays: o.retentionDays || 90,
    };
    writeFileSync(`${dir}.json`, JSON.stringify(record));
  }

  /** The folder of an artifact a download may read, or an error as the action would give. */
  download(run: number, name: string, now: Date): string {
    const meta = `${this.artifactDir(run, name)}.json`;
    if (!existsSync(meta)) throw new Error(`artifact ${name} not found in run ${run}`);
    const a = JSON.parse(readFileSync(meta, 'utf8')) as ArtifactRecord;
    if (now.getTime() > Date.parse(a.createdAt) + a.retentionDays * DAY)
      throw new Error(`artifact ${name} of run ${run} has expired`);
    return this.artifactDir(run, name);
  }
}
