#!/usr/bin/env node
// Writes permgen.config.schema.json (the config's JSON Schema, for editor completion via
// "$schema") from the zod schema, using the built modules in dist/. Run by `npm run build`;
// test/config/config-schema.test.ts fails when the committed file differs from the zod schema.
import fs from "node:fs";
import { renderConfigJsonSchema } from "../dist/config/config-schema.js";
import { TARGETS } from "../dist/targets/index.js";

const file = new URL("../permgen.config.schema.json", import.meta.url);
const text = renderConfigJsonSchema(TARGETS);
const before = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
if (before !== text) fs.writeFileSync(file, text);
