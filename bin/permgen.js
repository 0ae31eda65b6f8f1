#!/usr/bin/env node
// Thin launcher: the CLI is built by `npm run build` (run on install) into dist/; this runs
// its one-file bundle of src/cli/entry.ts (scripts/bundle.mjs), which loads the rest on demand.
import { runPermgen } from "../dist/bundle/cli.mjs";

process.exitCode = await runPermgen(process.argv.slice(2));
