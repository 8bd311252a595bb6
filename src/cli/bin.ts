#!/usr/bin/env node
/** The executable: the only place that calls process.exit. */
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2));
