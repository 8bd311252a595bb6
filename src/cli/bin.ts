#!/usr/bin/env node
/** The executable: the only place that calls process.exit. */
import { run } from './run.js';
import { processIO } from './io.js';

const argv = process.argv.slice(2);
const stop = new AbortController();
// Only a watch needs Ctrl-C to stop it cleanly; anything else keeps Node's default (exit at once).
if (argv.includes('--watch')) process.once('SIGINT', () => stop.abort());
process.exitCode = await run(argv, { ...processIO, signal: stop.signal });
