/**
 * Permission values in the generated Go are the lock's ids and survive schema edits: reorder and
 * insert keep every id, a removed key's id is never reused. The ids are read back by compiling
 * and running Go, not by reading the TypeScript side.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { EMPTY_LOCK, type Lock } from "../../src/lock/lock.js";
import { parseLock } from "../../src/lock/parse-lock.js";
import { serializeLock } from "../../src/lock/serialize-lock.js";
import { renderGoFile } from "../../src/targets/go/emit-go.js";
import { loadFromSource } from "../helpers/model.js";
import {
  createGoModule,
  describeWithGo,
  removeGoModule,
  runGoTool,
  type CommandResult,
} from "./go-toolchain.js";

const V1 = `
export enum Resource { Alert = "alert", Engagement = "engagement", User = "user" }
export enum Action { Read = "read", Acknowledge = "acknowledge", Create = "create", Manage = "manage" }
export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Acknowledge],
  [Resource.Engagement]: [Action.Create, Action.Read],
  [Resource.User]: [Action.Manage],
} as const;
export const namespace = "soc";
`;

/** V1 with the resources reordered and a permission inserted in the middle. */
const V2 = `
export enum Resource { User = "user", Engagement = "engagement", Alert = "alert" }
export enum Action { Read = "read", Acknowledge = "acknowledge", Create = "create", Manage = "manage" }
export const permissions = {
  [Resource.User]: [Action.Manage],
  [Resource.Engagement]: [Action.Create, Action.Manage, Action.Read],
  [Resource.Alert]: [Action.Acknowledge, Action.Read],
} as const;
export const namespace = "soc";
`;

/** V2 without engagement.create, with user.read added. */
const V3 = `
export enum Resource { User = "user", Engagement = "engagement", Alert = "alert" }
export enum Action { Read = "read", Acknowledge = "acknowledge", Create = "create", Manage = "manage" }
export const permissions = {
  [Resource.User]: [Action.Manage, Action.Read],
  [Resource.Engagement]: [Action.Manage, Action.Read],
  [Resource.Alert]: [Action.Acknowledge, Action.Read],
} as const;
export const namespace = "soc";
`;

/** Generates one version against the previous lock, passing the lock through its file format. */
function generateVersion(
  source: string,
  lockBefore: Lock,
  pkg: string,
): { content: string; lock: Lock } {
  const { model, lock } = loadFromSource(source, { lock: lockBefore });
  const reread = parseLock("/repo/permgen.lock.json", serializeLock(lock));
  if (reread.lock === undefined)
    throw new Error(`lock does not round-trip: ${JSON.stringify(reread.diagnostics)}`);
  return {
    content: renderGoFile(model, { out: `/repo/${pkg}/permissions.go`, package: pkg }),
    lock: reread.lock,
  };
}

const MAIN = `package main

import (
	"fmt"

	"example.com/permgentest/v1"
	"example.com/permgentest/v2"
	"example.com/permgentest/v3"
)

func main() {
	for _, p := range v1.AllPermissions() {
		fmt.Printf("v1 %s=%d\\n", p, uint32(p))
	}
	for _, p := range v2.AllPermissions() {
		fmt.Printf("v2 %s=%d\\n", p, uint32(p))
	}
	for _, p := range v3.AllPermissions() {
		fmt.Printf("v3 %s=%d\\n", p, uint32(p))
	}
}
`;

/** Parses the program's `<version> <key>=<id>` lines into one map per version. */
function parseIds(stdout: string): Map<string, Map<string, number>> {
  const versions = new Map<string, Map<string, number>>();
  for (const line of stdout.split("\n").filter((l) => l !== "")) {
    const m = /^(v\d) (.+)=(\d+)$/.exec(line);
    if (m === null) throw new Error(`unexpected output line: ${line}`);
    const [, version = "", key = "", id = ""] = m;
    if (!versions.has(version)) versions.set(version, new Map());
    versions.get(version)?.set(key, Number(id));
  }
  return versions;
}

describeWithGo("Go permission ids", () => {
  let root = "";
  let run: CommandResult;
  let ids = new Map<string, Map<string, number>>();

  beforeAll(() => {
    const v1 = generateVersion(V1, EMPTY_LOCK, "v1");
    const v2 = generateVersion(V2, v1.lock, "v2");
    const v3 = generateVersion(V3, v2.lock, "v3");
    root = createGoModule({
      "v1/permissions.go": v1.content,
      "v2/permissions.go": v2.content,
      "v3/permissions.go": v3.content,
      "main.go": MAIN,
    });
    run = runGoTool("go", ["run", "."], root);
    ids = parseIds(run.stdout);
  });

  afterAll(() => {
    if (root !== "") removeGoModule(root);
  });

  test("the compiled program prints every permission's id", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect([...(ids.get("v1") ?? [])]).toEqual([
      ["soc.alert.read", 0],
      ["soc.alert.acknowledge", 1],
      ["soc.engagement.create", 2],
      ["soc.engagement.read", 3],
      ["soc.user.manage", 4],
    ]);
  });

  test("reordering resources and inserting a permission keeps every existing id", () => {
    // Schema order is kept; ids follow the lock, the inserted permission takes the next id.
    expect([...(ids.get("v2") ?? [])]).toEqual([
      ["soc.user.manage", 4],
      ["soc.engagement.create", 2],
      ["soc.engagement.manage", 5],
      ["soc.engagement.read", 3],
      ["soc.alert.acknowledge", 1],
      ["soc.alert.read", 0],
    ]);
  });

  test("a removed permission's id is retired, not reused by the one added after it", () => {
    const v3 = ids.get("v3") ?? new Map<string, number>();
    expect([...v3]).toEqual([
      ["soc.user.manage", 4],
      ["soc.user.read", 6],
      ["soc.engagement.manage", 5],
      ["soc.engagement.read", 3],
      ["soc.alert.acknowledge", 1],
      ["soc.alert.read", 0],
    ]);
    expect([...v3.values()]).not.toContain(2);
  });
});
