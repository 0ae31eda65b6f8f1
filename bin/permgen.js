#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli/ (built by `npm run build`, run on install).
import { runPermgen } from "../dist/cli/entry.js";

process.exitCode = await runPermgen(process.argv.slice(2));
