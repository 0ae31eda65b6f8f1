#!/usr/bin/env node
// Writes the JSON Schemas permgen ships, from their zod schemas, using the built modules in dist/:
// - permgen.config.schema.json: the config's JSON Schema, for editor completion via "$schema"
//   (test/config/config-schema.test.ts fails when the committed file differs);
// - schemas/permgen-model.schema.json: the JSON target's file format
//   (test/json/model-schema.test.ts fails when the committed file differs).
// Run by `npm run build`. A file is rewritten only when its content changes.
import fs from "node:fs";
import { renderConfigJsonSchema } from "../dist/config/config-schema.js";
import { renderModelJsonSchema } from "../dist/targets/json/model-schema.js";
import { TARGETS } from "../dist/targets/index.js";

/** Writes `text` to `file` (a URL) unless it already holds exactly that. */
function writeIfChanged(file, text) {
  const before = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  if (before === text) return;
  fs.mkdirSync(new URL(".", file), { recursive: true });
  fs.writeFileSync(file, text);
}

writeIfChanged(
  new URL("../permgen.config.schema.json", import.meta.url),
  renderConfigJsonSchema(TARGETS),
);
writeIfChanged(
  new URL("../schemas/permgen-model.schema.json", import.meta.url),
  renderModelJsonSchema(),
);
