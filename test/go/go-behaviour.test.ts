/**
 * Replays the shared behaviour table (test/behaviour/table.json over test/behaviour/permissions.ts)
 * against the generated Go, so the Go target cannot disagree with the other languages: a Go test
 * reads the table, builds each row's mask from its granted keys (ParsePermission; unknown keys
 * grant nothing) and roles (RolePermissions), and checks RequirePermission and Has against
 * `allowed`.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { renderGoFile } from "../../src/targets/go/emit-go.js";
import { modelFromSource } from "../helpers/model.js";
import {
  createGoModule,
  describeWithGo,
  removeGoModule,
  runGoTool,
  type CommandResult,
} from "./go-toolchain.js";

const TABLE = fileURLToPath(new URL("../behaviour/table.json", import.meta.url));
const SCHEMA = fileURLToPath(new URL("../behaviour/permissions.ts", import.meta.url));

const REPLAY_TEST = `package behaviour

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"testing"
)

type row struct {
	Granted  *[]string \`json:"granted"\`
	Roles    []string  \`json:"roles"\`
	Resource string    \`json:"resource"\`
	Action   string    \`json:"action"\`
	Allowed  bool      \`json:"allowed"\`
}

func readRows(t *testing.T) []row {
	data, err := os.ReadFile("testdata/table.json")
	if err != nil {
		t.Fatal(err)
	}
	var rows []row
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("[")) {
		err = json.Unmarshal(data, &rows)
	} else {
		var wrapped struct {
			Rows []row \`json:"rows"\`
		}
		err = json.Unmarshal(data, &wrapped)
		rows = wrapped.Rows
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatal("the behaviour table has no rows")
	}
	return rows
}

func TestBehaviourTable(t *testing.T) {
	rows := readRows(t)
	for i, r := range rows {
		var mask PermissionMask
		if r.Granted != nil {
			for _, key := range *r.Granted {
				if p, ok := ParsePermission(key); ok {
					mask = mask.Grant(p)
				}
			}
		}
		for _, role := range r.Roles {
			mask = mask.Union(RolePermissions(Role(role)))
		}
		err := RequirePermission(mask, Resource(r.Resource), Action(r.Action))
		if (err == nil) != r.Allowed {
			t.Errorf("row %d %+v: RequirePermission = %v, want allowed=%v", i, r, err, r.Allowed)
		}
		if err != nil && !errors.Is(err, ErrPermissionDenied) && !errors.Is(err, ErrUndeclaredPermission) {
			t.Errorf("row %d: error %v wraps neither sentinel", i, err)
		}
		p, ok := Lookup(Resource(r.Resource), Action(r.Action))
		if (ok && mask.Has(p)) != r.Allowed {
			t.Errorf("row %d %+v: Has = %v, want %v", i, r, ok && mask.Has(p), r.Allowed)
		}
	}
	fmt.Printf("replayed %d rows\\n", len(rows))
}
`;

describeWithGo("the shared behaviour table against the Go target", () => {
  let root = "";
  let run: CommandResult;
  let rowCount = 0;

  beforeAll(() => {
    const table: unknown = JSON.parse(readFileSync(TABLE, "utf8"));
    const rows = Array.isArray(table) ? table : (table as { rows?: unknown[] }).rows;
    rowCount = rows?.length ?? 0;
    const model = modelFromSource(readFileSync(SCHEMA, "utf8"), {
      schemaPath: "test/behaviour/permissions.ts",
    });
    root = createGoModule({
      "behaviour/permissions.go": renderGoFile(model, { out: "/repo/behaviour/permissions.go" }),
      "behaviour/replay_test.go": REPLAY_TEST,
      "behaviour/testdata/table.json": readFileSync(TABLE, "utf8"),
    });
    run = runGoTool("go", ["test", "-count=1", "-v", "./behaviour"], root);
  });

  afterAll(() => {
    if (root !== "") removeGoModule(root);
  });

  test("every row of the table gets the same verdict from RequirePermission and Has", () => {
    expect(rowCount).toBeGreaterThan(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(`replayed ${rowCount} rows\n`);
    expect(run.status).toBe(0);
  });
});
