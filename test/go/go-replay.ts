// checklist: go replay
/**
 * The behaviour table replayed against the generated Go: a Go test reads the table, builds each
 * row's mask from its granted keys (ParsePermission; unknown keys grant nothing) and roles
 * (RolePermissions), and prints `row <i> <true|false>` from RequirePermission. Has must agree
 * with RequirePermission on every row and every error must wrap a sentinel, or the Go test fails.
 */
import { readFileSync } from "node:fs";
import { renderGoFile } from "../../src/targets/go/emit-go.js";
import { parseRowAnswers, TABLE_FILE, TABLE_SCHEMA, type Replay } from "../behaviour/table.js";
import { modelFromSource } from "../helpers/model.js";
import { createGoModule, describeWithGo, removeGoModule, runGoTool } from "./go-toolchain.js";

/**
 * The Go test that replays a table (`testdata/table.json`) in package `behaviour`; also used by
 * test/modules/modules-behaviour.test.ts on the modules golden.
 */
export const REPLAY_TEST = `package behaviour

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
		if err != nil && !errors.Is(err, ErrPermissionDenied) && !errors.Is(err, ErrUndeclaredPermission) {
			t.Errorf("row %d: error %v wraps neither sentinel", i, err)
		}
		p, ok := Lookup(Resource(r.Resource), Action(r.Action))
		if (ok && mask.Has(p)) != (err == nil) {
			t.Errorf("row %d %+v: Has = %v but RequirePermission = %v", i, r, ok && mask.Has(p), err)
		}
		fmt.Printf("row %d %t\\n", i, err == nil)
	}
}
`;

export const goReplay: Replay = {
  language: "go",
  engine: "go",
  describeWith: describeWithGo,
  async run() {
    const model = modelFromSource(TABLE_SCHEMA, { schemaPath: "test/behaviour/permissions.ts" });
    const root = createGoModule({
      "behaviour/permissions.go": renderGoFile(model, { out: "/repo/behaviour/permissions.go" }),
      "behaviour/replay_test.go": REPLAY_TEST,
      "behaviour/testdata/table.json": readFileSync(TABLE_FILE, "utf8"),
    });
    try {
      const run = runGoTool("go", ["test", "-count=1", "-v", "./behaviour"], root);
      if (run.status !== 0 || run.stderr !== "") {
        throw new Error(`go test failed (${run.status}):\n${run.stdout}${run.stderr}`);
      }
      return { language: "go", engine: "go", answers: parseRowAnswers(run.stdout) };
    } finally {
      removeGoModule(root);
    }
  },
};
