/**
 * Reads the small files a build keeps in its output folder (the lock, its breaker, the commit
 * journal). Someone may have put a FIFO or a device there: a plain open() of a FIFO waits for
 * a writer in libuv's thread pool, and Node cannot exit while that thread is stuck, so even
 * SIGTERM hung (issue 31). Opened without blocking and without following a link, and refused
 * unless it is a regular file; a missing file keeps its ENOENT for the caller.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { inputError } from '../errors.js';

/** The lock and journal are a few hundred bytes; anything larger is not one of ours. */
const MAX_STATE_BYTES = 1024 * 1024;

/** The text of the state file `file`, which `what` names in an error. */
export async function readStateFile(file: string, what: string): Promise<string> {
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;
  const handle = await open(file, flags).catch((err) => {
    if ((err as NodeJS.ErrnoException).code !== 'ELOOP') throw err;
    throw inputError('E_NOT_FILE', {
      file,
      message: `${what} is a symbolic link; remove it and build again`,
    });
  });
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > MAX_STATE_BYTES)
      throw inputError('E_NOT_FILE', {
        file,
        message: `${what} is not a file bulletin wrote (${
          info.isFile() ? 'too large' : 'a FIFO, ' + 'device or socket'
        }); remove it and build again`,
      });
    return (await handle.readFile()).toString('utf8');
  } finally {
    await handle.close();
  }
}
