/**
 * Ctrl-C and SIGTERM during a build. The bin asks the writes in progress to stop and waits
 * for them: a write still staging removes its temp files and releases the lock, leaving the
 * previous set as it was; a write already renaming files into place finishes first (that
 * takes milliseconds), so the folder never holds a mix of old and new files with a stale manifest.
 */
let stopping = false;
const active = new Set<Promise<unknown>>();

export const stopRequested = (): boolean => stopping;

/** Tracks a write so that a stop waits for it to end cleanly. */
export function trackWrite<T>(work: Promise<T>): Promise<T> {
  active.add(work);
  const done = () => active.delete(work);
  work.then(done, done);
  return work;
}

/** Asks every write to stop and resolves when they have; true when one was running. */
export async function stopWrites(): Promise<boolean> {
  stopping = true;
  const running = [...active];
  await Promise.allSettled(running);
  return running.length > 0;
}
