/**
 * Issue 8 item 1: a line terminator in a JSDoc must never turn documentation into Go code. The
 * repro gave `viewer` every permission of `admin` through a lone CR; here every line
 * terminator (CR, CRLF, NEL, U+2028, U+2029, VT, FF), NUL, a BOM and gofmt's `''` rewrite are
 * fed through the built CLI, and the generated package is compiled, gofmt-checked, vetted and
 * run: viewer holds exactly what the schema grants it.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ensureBuilt, makeRepo, runCli } from "../cli/run-cli.js";
import { describeWithGo, runGoTool } from "./go-toolchain.js";

const PAYLOAD = "func init() { roleMasks[RoleViewer] = roleMasks[RoleAdmin] }";

/** Every separator an attacker might try between the documentation and the payload. */
const SEPARATORS: readonly (readonly [string, string])[] = [
  ["CR", "\r"],
  ["CRLF", "\r\n"],
  ["NEL", "\u0085"],
  ["LS", "\u2028"],
  ["PS", "\u2029"],
  ["VT", "\v"],
  ["FF", "\f"],
  ["NUL", "\0"],
  ["BOM", "\ufeff"],
];

function injected(i: number): string {
  const [name, sep] = SEPARATORS[i % SEPARATORS.length] ?? ["CR", "\r"];
  return `/** Things (${name}).${sep}${PAYLOAD}${sep}var _ = 0 '' and \`\` quotes */`;
}

/** The repro schema, with an injection attempt in every JSDoc position. */
function buildSchema(): string {
  return [
    injected(0),
    "export enum Resource {",
    `  ${injected(1)}`,
    '  Alert = "alert",',
    `  ${injected(2)}`,
    '  User = "user",',
    "}",
    injected(3),
    "export enum Action {",
    `  ${injected(4)}`,
    '  Read = "read",',
    '  Manage = "manage",',
    "}",
    injected(5),
    "export const permissions = {",
    `  [Resource.Alert]: [${injected(6)} Action.Read, Action.Manage],`,
    "  [Resource.User]: [Action.Manage],",
    "} as const;",
    injected(7),
    "export const roles = {",
    `  ${injected(8)}`,
    '  admin: ["*"],',
    "  /** Reads alerts.\r@deprecated gone\r" + PAYLOAD + " */",
    '  viewer: ["alert.read"],',
    "} as const;",
    "",
  ].join("\n");
}

const ROLES_TEST = `package authz

import "testing"

func TestViewerHoldsOnlyWhatTheSchemaGrants(t *testing.T) {
	got := RolePermissions(RoleViewer).Permissions()
	if len(got) != 1 || got[0] != PermAlertRead {
		t.Fatalf("viewer holds %v, want only alert.read", got)
	}
	if RolePermissions(RoleViewer).Has(PermUserManage) {
		t.Fatal("viewer holds user.manage")
	}
	if len(RolePermissions(RoleAdmin).Permissions()) != 3 {
		t.Fatal("admin does not hold every permission")
	}
}
`;

let dir = "";

beforeAll(() => {
  ensureBuilt();
});

afterAll(() => {
  if (dir !== "") fs.rmSync(dir, { recursive: true, force: true });
});

describeWithGo("JSDoc cannot become Go code", () => {
  test("a line terminator, NUL or BOM in any JSDoc does not give viewer admin's permissions", () => {
    dir = makeRepo();
    fs.mkdirSync(path.join(dir, "schema"));
    fs.writeFileSync(path.join(dir, "schema", "permissions.ts"), buildSchema());
    fs.writeFileSync(
      path.join(dir, "permgen.config.json"),
      JSON.stringify({ targets: [{ language: "go", out: "authz/permissions.go" }] }),
    );
    fs.writeFileSync(path.join(dir, "go.mod"), "module example.com/app\n\ngo 1.19\n");
    const run = runCli(["generate"], dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);

    const goFile = path.join(dir, "authz", "permissions.go");
    const content = fs.readFileSync(goFile, "utf8");
    expect(content).not.toMatch(/[\r\0\ufeff\u0085\u2028\u2029\v\f]/);
    // The payload is only ever comment text.
    for (const line of content.split("\n").filter((l) => l.includes("roleMasks[RoleAdmin]"))) {
      expect(line).toMatch(/^\t?\/\/ /);
    }
    fs.writeFileSync(path.join(dir, "authz", "roles_test.go"), ROLES_TEST);

    const gofmt = runGoTool("gofmt", ["-l", "authz"], dir);
    expect(gofmt.stderr).toBe("");
    expect(gofmt.stdout).toBe("");
    const vet = runGoTool("go", ["vet", "./..."], dir);
    expect(vet.stderr).toBe("");
    expect(vet.status).toBe(0);
    const tested = runGoTool("go", ["test", "./..."], dir);
    expect(tested.stdout + tested.stderr).toContain("ok");
    expect(tested.status).toBe(0);
  });
});
