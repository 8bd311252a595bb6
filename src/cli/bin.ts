#!/usr/bin/env node
/**
 * The executable. It only starts launch.ts: `npm run compile` replaces this file's output with
 * the bundled command (.ci/bundle.mjs), which is made from tsc's launch.js, so it can be made
 * again.
 */
import './launch.js';
