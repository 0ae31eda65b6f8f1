/**
 * Seed 001 keeps its F11 permission matrix (permissions × groups) by hand next to a spec table.
 * The Markdown target generates that table from test/fixtures/seed-001/permissions.ts: every row
 * must mark exactly the seed's GROUP_PERMISSIONS. The expected sets are copied from the seed
 * text, not from permgen's output.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { renderMarkdownFile } from "../../src/targets/markdown/emit-markdown.js";
import { modelFromSource } from "../helpers/model.js";

const SCHEMA = readFileSync(
  new URL("../fixtures/seed-001/permissions.ts", import.meta.url),
  "utf8",
);

/** The seed's `Permission` values, in order. */
const SEED_PERMISSIONS = [
  "engagement.create",
  "engagement.read",
  "engagement.read_own",
  "engagement.update",
  "engagement.delete",
  "engagement.member.manage",
  "engagement.soc_token.issue",
  "host.crud",
  "ttp.read",
  "ttp.draft",
  "ttp.promote",
  "import.journal",
  "scenario.crud",
  "run.start",
  "run.control",
  "evidence.add",
  "detection.add",
  "cleanup.trigger",
  "report.generate",
  "report.read",
  "audit.read",
  "user.manage",
];

/** The seed's GROUP_PERMISSIONS (rt_lead holds ALL_PERMISSIONS). */
const RT_OPERATOR = new Set([
  "engagement.create",
  "engagement.read",
  "host.crud",
  "ttp.read",
  "ttp.draft",
  "import.journal",
  "scenario.crud",
  "evidence.add",
  "cleanup.trigger",
  "report.read",
]);
const SOC_ANALYST = new Set(["engagement.read_own", "detection.add", "report.read"]);

test("seed 001's spec table comes out as the role matrix, one row per permission", () => {
  const content = renderMarkdownFile(modelFromSource(SCHEMA));
  const lines = content.split("\n");
  const start = lines.indexOf("| Permission | `rt_operator` | `rt_lead` | `soc_analyst` |");
  expect(start).toBeGreaterThan(0);
  const mark = (held: boolean): string => (held ? " ✓ " : " ");
  const expected = SEED_PERMISSIONS.map(
    (key) =>
      `| \`${key}\` |${mark(RT_OPERATOR.has(key))}|${mark(true)}|${mark(SOC_ANALYST.has(key))}|`,
  );
  expect(lines.slice(start + 2, start + 2 + SEED_PERMISSIONS.length + 1)).toEqual([
    ...expected,
    "",
  ]);
});
