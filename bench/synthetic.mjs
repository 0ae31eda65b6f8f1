// The synthetic repositories `npm run bench` measures, shaped like the real schemas in
// /work/shared/seeds: R resources × A actions (every resource has the same A actions, as a
// CRUD-style vocabulary does) and 20 roles. The issue asks for "20 roles each with ~10
// `resource.*` grants and one `*`"; a `*` in every role would make all twenty hold everything
// and the other grants dead, which no real schema does, so it is read as: ONE role (`admin`)
// grants `*`, and each of the other 19 grants 10 `resource.*` wildcards (spread over the
// resources) plus one exact key. Every target of permgen's own config is configured.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Actions per resource; resources = pairs / ACTIONS. */
export const ACTIONS = 20;
/** How many roles the schema declares (one of them `*`). */
export const ROLES = 20;

/**
 * The schema text with `pairs` permissions. `added` more are spread over the resources (new
 * actions on each), so a drift changes every part of every generated file: the worst case for
 * a diff. `doc` (optional) becomes the JSDoc of the first resource, a change that reaches
 * every target without touching ids (the watch row's save).
 */
export function renderSyntheticSchema(pairs, added = 0, doc = undefined) {
  const actions = Math.min(ACTIONS, pairs);
  const resources = Math.ceil(pairs / actions);
  const extra = Math.ceil(added / resources);
  const lines = ["export enum Resource {"];
  for (let r = 0; r < resources; r++) {
    if (r === 0 && doc !== undefined) lines.push(`  /** ${doc} */`);
    lines.push(`  R${r} = "res${r}",`);
  }
  lines.push("}", "", "export enum Action {");
  for (let a = 0; a < actions + extra; a++) lines.push(`  A${a} = "act${a}",`);
  lines.push("}", "", "export const permissions = {");
  let left = pairs;
  let addedLeft = added;
  for (let r = 0; r < resources && left > 0; r++) {
    const n = Math.min(actions, left);
    left -= n;
    const more = Math.min(extra, addedLeft);
    addedLeft -= more;
    const acts = Array.from({ length: n }, (_, a) => `Action.A${a}`);
    for (let a = 0; a < more; a++) acts.push(`Action.A${actions + a}`);
    lines.push(`  [Resource.R${r}]: [${acts.join(", ")}],`);
  }
  lines.push("} as const;", "", "export const roles = {", `  admin: ["*"],`);
  for (let role = 1; role < ROLES; role++) {
    const grants = [];
    for (let g = 0; g < 10; g++) grants.push(`"res${(role * 10 + g * 7) % resources}.*"`);
    grants.push(`"res${role % resources}.act0"`);
    lines.push(`  role${role}: [${[...new Set(grants)].join(", ")}],`);
  }
  lines.push("} as const;", "");
  return lines.join("\n");
}

/** permgen's own config (every target) with the schema at schema/permissions.ts. */
export function renderAllTargetsConfig() {
  const config = JSON.parse(fs.readFileSync(path.join(root, "permgen.config.json"), "utf8"));
  delete config.$schema;
  config.schema = "schema/permissions.ts";
  return `${JSON.stringify(config, null, 2)}\n`;
}

/**
 * Writes a git repository with every target configured and `schemaText` as its schema (this
 * repository's own schema when undefined). An empty node_modules/ makes it a project as users
 * have one, so the verdict cache (node_modules/.cache/permgen) is used.
 */
export function writeRepo(dir, schemaText = undefined) {
  fs.mkdirSync(path.join(dir, "schema"), { recursive: true });
  fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  const text = schemaText ?? fs.readFileSync(path.join(root, "schema", "permissions.ts"), "utf8");
  fs.writeFileSync(path.join(dir, "schema", "permissions.ts"), text);
  fs.writeFileSync(path.join(dir, "permgen.config.json"), renderAllTargetsConfig());
  execFileSync("git", ["init", "-q"], { cwd: dir });
}
