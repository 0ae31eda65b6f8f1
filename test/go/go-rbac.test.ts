/**
 * The Go target into an existing rbac package (CONTRACT §13): `permissionType` and `maskType`
 * make the generated file declare constants of seed 004's `rbac.Permission` and role masks of
 * its `rbac.PermissionMask` (an int64 that ignores positions 63 and up), built with its own
 * `Grant`; `maxBits: 63` makes the 64th id an error at its line. Driven through the built CLI
 * in a temp git repository that is also a Go module holding a package shaped like the seed's.
 * Seed 004's adoption (issue 15): its constants have no key strings, so a `key,id` CSV of its
 * bit positions is imported and generated into the domain package with `constantNames:
 * "action"` (the seed's `PermRead`, not `PermOrdersRead`), and the seed's own code, inside the
 * package and outside it, compiles unchanged and sees exactly the CSV's ids.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { ensureBuilt, makeRepo, runCli } from "../cli/run-cli.js";
import { describeWithGo, runGoTool } from "./go-toolchain.js";

/** Seed 004's rbac package: Identity, Permission, an int64 PermissionMask with Has/Grant. */
const RBAC_GO = `// Package rbac defines identities and permission masks (shaped like seed 004's).
package rbac

import "context"

// Permission is a bit position in a PermissionMask.
type Permission int

// PermissionMask holds permissions 0-62; 63 and above are ignored.
type PermissionMask int64

// Has reports whether p is granted.
func (m PermissionMask) Has(p Permission) bool {
	if p < 0 || p >= 63 {
		return false
	}
	return m&(1<<uint(p)) != 0
}

// Grant returns m with p granted.
func (m PermissionMask) Grant(p Permission) PermissionMask {
	if p < 0 || p >= 63 {
		return m
	}
	return m | 1<<uint(p)
}

// Identity is an authenticated principal.
type Identity struct {
	UID         string
	DisplayName string
	Email       string
	TenantID    string
}

// NewIdentity returns an identity without a tenant.
func NewIdentity(uid, displayName, email string) Identity {
	return Identity{UID: uid, DisplayName: displayName, Email: email}
}

// WithTenant returns a copy of i with the tenant set.
func (i Identity) WithTenant(tenantID string) Identity {
	i.TenantID = tenantID
	return i
}

type authContextKey struct{}

// SetInContext stores id in ctx.
func SetInContext(ctx context.Context, id Identity) context.Context {
	return context.WithValue(ctx, authContextKey{}, id)
}

// FromContext returns the identity stored in ctx.
func FromContext(ctx context.Context) (Identity, bool) {
	id, ok := ctx.Value(authContextKey{}).(Identity)
	return id, ok
}

// PermissionProvider resolves the mask of a user for a resource.
type PermissionProvider interface {
	ResolveMask(ctx context.Context, uid, resource string) (PermissionMask, error)
}
`;

/** The domain package's own test: resolves a mask through a provider, as the seed's consumers do. */
const ORDERS_TEST_GO = `package orders

import (
	"context"
	"testing"

	"example.com/micro/rbac"
)

type staticProvider struct{ mask rbac.PermissionMask }

func (p *staticProvider) ResolveMask(_ context.Context, _, _ string) (rbac.PermissionMask, error) {
	return p.mask, nil
}

func TestProviderResolvesAGeneratedRoleMask(t *testing.T) {
	var provider rbac.PermissionProvider = &staticProvider{RoleClerk}
	ctx := rbac.SetInContext(context.Background(), rbac.NewIdentity("u1", "Ann", "ann@example.com"))
	id, _ := rbac.FromContext(ctx)
	mask, err := provider.ResolveMask(ctx, id.UID, "orders")
	if err != nil {
		t.Fatal(err)
	}
	if !mask.Has(PermOrderRead) || !mask.Has(PermOrderWrite) {
		t.Fatalf("clerk mask %b lacks read or write", mask)
	}
	if mask.Has(PermOrderDelete) {
		t.Fatalf("clerk mask %b grants delete", mask)
	}
	if RoleViewer != rbac.PermissionMask(0).Grant(PermOrderRead) {
		t.Fatalf("viewer mask %b is not read alone", RoleViewer)
	}
	if RoleGuest != 0 || RoleAdmin.Has(PermOrderDelete) != true {
		t.Fatalf("guest %b / admin %b", RoleGuest, RoleAdmin)
	}
	if len(SchemaDigest) != 64 {
		t.Fatalf("SchemaDigest %q", SchemaDigest)
	}
}
`;

const ORDERS_SCHEMA = `export enum Resource { Order = "order" }
export enum Action { Read = "read", Write = "write", Delete = "delete" }
export const permissions = { [Resource.Order]: [Action.Read, Action.Write, Action.Delete] } as const;
export const roles = {
  admin: ["*"],
  clerk: ["order.read", "order.write"],
  viewer: ["order.read"],
  guest: [],
} as const;
`;

const RBAC_CONFIG = {
  schema: "schema/permissions.ts",
  targets: [
    {
      language: "go",
      out: "orders/permissions.go",
      permissionType: "example.com/micro/rbac.Permission",
      maskType: "example.com/micro/rbac.PermissionMask",
      maxBits: 63,
    },
  ],
};

/** A schema with one resource and `count` actions, one pair per line (pair i at line 4 + i). */
function buildWideSchema(count: number, first = 0): string {
  const actions = Array.from({ length: count }, (_, i) => `a${first + i}`);
  return [
    'export enum Resource { Wide = "wide" }',
    `export enum Action { ${actions.map((a) => `${a.toUpperCase()} = "${a}"`).join(", ")} }`,
    "export const permissions = {",
    "  [Resource.Wide]: [",
    ...actions.map((a) => `    Action.${a.toUpperCase()},`),
    "  ],",
    "} as const;",
    "",
  ].join("\n");
}

function makeModule(schema: string): string {
  const dir = makeRepo();
  writeFileSync(path.join(dir, "go.mod"), "module example.com/micro\n\ngo 1.19\n");
  mkdirSync(path.join(dir, "rbac"));
  writeFileSync(path.join(dir, "rbac", "rbac.go"), RBAC_GO);
  mkdirSync(path.join(dir, "schema"));
  writeFileSync(path.join(dir, "schema", "permissions.ts"), schema);
  writeFileSync(path.join(dir, "permgen.config.json"), JSON.stringify(RBAC_CONFIG, null, 2));
  return dir;
}

/**
 * Seed 004's domain constants (`PermRead rbac.Permission = 0`, `PermWrite … = 1`,
 * `PermDelete … = 2` in the package that resolves masks for "orders") as the `key,id` CSV the
 * README says to import, sorted by key as a spreadsheet export would be: the CSV's order is not
 * the ids' order, so ids numbered by position instead of read from the CSV fail the go test.
 */
const SEED_004_KEYS_CSV = "key,id\norders.delete,2\norders.read,0\norders.write,1\n";

/**
 * Seed 004's config: one per domain package (README "Several configs in one repository"), its
 * constants named by action alone (`constantNames: "action"`) as the seed names them.
 */
const SEED_004_CONFIG = {
  ...RBAC_CONFIG,
  targets: [{ ...RBAC_CONFIG.targets[0], constantNames: "action" }],
};

/**
 * Code inside the domain package, written as the seed writes it: resolve the mask through a
 * PermissionProvider for "orders", then `mask.Has(PermWrite)`, the seed's own constant names.
 */
const SEED_004_ORDERS_GO = `package orders

import (
	"context"
	"errors"

	"example.com/micro/rbac"
)

// ErrPermissionDenied is returned when the caller's mask lacks the permission.
var ErrPermissionDenied = errors.New("permission denied")

// RequireWrite allows the caller in ctx to write orders, or says why not.
func RequireWrite(ctx context.Context, provider rbac.PermissionProvider) error {
	id, ok := rbac.FromContext(ctx)
	if !ok {
		return errors.New("no authenticated user in context")
	}
	mask, err := provider.ResolveMask(ctx, id.UID, "orders")
	if err != nil {
		return err
	}
	if !mask.Has(PermWrite) {
		return ErrPermissionDenied
	}
	return nil
}
`;

/** The domain package's test: masks built as the seed's tests build them. */
const SEED_004_ORDERS_TEST_GO = `package orders

import (
	"context"
	"errors"
	"testing"

	"example.com/micro/rbac"
)

type staticProvider struct{ mask rbac.PermissionMask }

func (p *staticProvider) ResolveMask(_ context.Context, _, _ string) (rbac.PermissionMask, error) {
	return p.mask, nil
}

func TestRequireWrite(t *testing.T) {
	ctx := rbac.SetInContext(context.Background(), rbac.NewIdentity("u1", "Ann", "ann@example.com"))
	mask := rbac.PermissionMask(0).Grant(PermRead).Grant(PermWrite)
	if err := RequireWrite(ctx, &staticProvider{mask}); err != nil {
		t.Fatalf("read+write mask: %v", err)
	}
	reader := rbac.PermissionMask(0).Grant(PermRead).Grant(PermDelete)
	if err := RequireWrite(ctx, &staticProvider{reader}); !errors.Is(err, ErrPermissionDenied) {
		t.Fatalf("read+delete mask: %v, want ErrPermissionDenied", err)
	}
}
`;

/** A consumer in another package: `orders.PermX`, ids exactly the CSV's bit positions. */
const SEED_004_API_TEST_GO = `package api

import (
	"context"
	"testing"

	"example.com/micro/orders"
	"example.com/micro/rbac"
)

type staticProvider struct{ mask rbac.PermissionMask }

func (p *staticProvider) ResolveMask(_ context.Context, _, _ string) (rbac.PermissionMask, error) {
	return p.mask, nil
}

func TestIdsAreTheCsvBitPositions(t *testing.T) {
	ids := map[string]rbac.Permission{
		"orders.read":   orders.PermRead,
		"orders.write":  orders.PermWrite,
		"orders.delete": orders.PermDelete,
	}
	want := map[string]rbac.Permission{"orders.read": 0, "orders.write": 1, "orders.delete": 2}
	for key, id := range want {
		if ids[key] != id {
			t.Errorf("%s has id %d, the CSV says %d", key, ids[key], id)
		}
	}
	if bits := rbac.PermissionMask(0).Grant(orders.PermDelete); bits != 1<<2 {
		t.Errorf("delete sets mask bits %b, want bit 2", bits)
	}
}

func TestOrdersRequireWriteFromOutside(t *testing.T) {
	ctx := rbac.SetInContext(context.Background(), rbac.NewIdentity("u1", "Ann", "ann@example.com"))
	writer := &staticProvider{rbac.PermissionMask(0).Grant(orders.PermWrite)}
	if err := orders.RequireWrite(ctx, writer); err != nil {
		t.Fatalf("write mask: %v", err)
	}
	if err := orders.RequireWrite(ctx, &staticProvider{}); err == nil {
		t.Fatal("empty mask allowed a write")
	}
}
`;

describeWithGo("Go into an existing rbac package", () => {
  beforeAll(() => ensureBuilt());

  test("the generated constants and role masks compile against the rbac package, vet clean, and resolve a mask", () => {
    const dir = makeModule(ORDERS_SCHEMA);
    const generated = runCli(["generate"], dir);
    expect(generated.stderr).toBe("");
    expect(generated.code).toBe(0);
    const content = readFileSync(path.join(dir, "orders", "permissions.go"), "utf8");
    expect(content).toContain('\nimport "example.com/micro/rbac"\n');
    expect(content).toContain("\tPermOrderRead rbac.Permission = 0\n");
    expect(content).toContain("\tPermOrderDelete rbac.Permission = 2\n");
    expect(content).toContain("\nvar RoleGuest rbac.PermissionMask\n");
    // No type or guard of its own that could clash with the package's.
    expect(content).not.toMatch(/^type /m);
    expect(content).not.toContain("RequirePermission");
    writeFileSync(path.join(dir, "orders", "orders_test.go"), ORDERS_TEST_GO);
    const gofmt = runGoTool("gofmt", ["-l", "orders"], dir);
    expect(gofmt.stdout + gofmt.stderr).toBe("");
    const vet = runGoTool("go", ["vet", "./..."], dir);
    expect(vet.stderr).toBe("");
    expect(vet.status).toBe(0);
    const run = runGoTool("go", ["test", "./orders"], dir);
    expect(run.stdout + run.stderr).toContain("ok");
    expect(run.status).toBe(0);
  });

  test("63 pairs pass with maxBits 63; the 64th is an error at its line and nothing is written", () => {
    const dir = makeModule(buildWideSchema(63));
    const ok = runCli(["generate"], dir);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    const before = readFileSync(path.join(dir, "orders", "permissions.go"), "utf8");
    expect(runGoTool("go", ["vet", "./..."], dir).status).toBe(0);

    writeFileSync(path.join(dir, "schema", "permissions.ts"), buildWideSchema(64));
    const tooWide = runCli(["generate"], dir);
    expect(tooWide.code).toBe(2);
    // Pair a63 is on line 4 + 63 + 1: the permissions entry lists one action per line.
    expect(tooWide.stderr).toContain(
      'schema/permissions.ts:68:5: error PG0407: permission "wide.a63" has id 63, which the Go target\'s maxBits 63 does not allow (ids 0-62)',
    );
    expect(readFileSync(path.join(dir, "orders", "permissions.go"), "utf8")).toBe(before);
  });

  test("seed 004 from a key,id CSV: import, generate with constantNames action; the seed's own code compiles unchanged", () => {
    const dir = makeRepo();
    writeFileSync(path.join(dir, "go.mod"), "module example.com/micro\n\ngo 1.19\n");
    mkdirSync(path.join(dir, "rbac"));
    writeFileSync(path.join(dir, "rbac", "rbac.go"), RBAC_GO);
    writeFileSync(path.join(dir, "keys.csv"), SEED_004_KEYS_CSV);
    const imported = runCli(["import", "keys.csv"], dir);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    writeFileSync(path.join(dir, "permgen.config.json"), JSON.stringify(SEED_004_CONFIG, null, 2));
    const generated = runCli(["generate"], dir);
    expect(generated.stderr).toBe("");
    expect(generated.code).toBe(0);
    const lock = JSON.parse(readFileSync(path.join(dir, "permgen.lock.json"), "utf8")) as {
      permissions: Record<string, number>;
    };
    expect(lock.permissions).toEqual({ "orders.read": 0, "orders.write": 1, "orders.delete": 2 });
    const content = readFileSync(path.join(dir, "orders", "permissions.go"), "utf8");
    expect(content).toContain("\tPermRead rbac.Permission = 0\n");
    expect(content).toContain("\tPermWrite rbac.Permission = 1\n");
    expect(content).toContain("\tPermDelete rbac.Permission = 2\n");
    expect(content).not.toContain("PermOrders");
    expect(content).not.toMatch(/^type /m);
    writeFileSync(path.join(dir, "orders", "orders.go"), SEED_004_ORDERS_GO);
    writeFileSync(path.join(dir, "orders", "orders_test.go"), SEED_004_ORDERS_TEST_GO);
    mkdirSync(path.join(dir, "api"));
    writeFileSync(path.join(dir, "api", "api_test.go"), SEED_004_API_TEST_GO);
    const gofmt = runGoTool("gofmt", ["-l", "orders", "api"], dir);
    expect(gofmt.stdout + gofmt.stderr).toBe("");
    const vet = runGoTool("go", ["vet", "./..."], dir);
    expect(vet.stderr).toBe("");
    expect(vet.status).toBe(0);
    const run = runGoTool("go", ["test", "-v", "./orders", "./api"], dir);
    expect(run.stdout).toContain("--- PASS: TestRequireWrite");
    expect(run.stdout).toContain("--- PASS: TestIdsAreTheCsvBitPositions");
    expect(run.stdout).toContain("--- PASS: TestOrdersRequireWriteFromOutside");
    expect(run.status).toBe(0);
  });

  test("constantNames action: two resources sharing an action are PG0401 at the later one, nothing written", () => {
    const dir = makeModule(ORDERS_SCHEMA);
    writeFileSync(path.join(dir, "permgen.config.json"), JSON.stringify(SEED_004_CONFIG, null, 2));
    expect(runCli(["generate"], dir).code).toBe(0);
    const before = readFileSync(path.join(dir, "orders", "permissions.go"), "utf8");
    expect(before).toContain("\tPermRead rbac.Permission = 0\n");
    const twoDomains = ORDERS_SCHEMA.replace(
      'export enum Resource { Order = "order" }',
      'export enum Resource { Order = "order", Invoice = "invoice" }',
    ).replace(
      "export const permissions = { [Resource.Order]: [Action.Read, Action.Write, Action.Delete] } as const;",
      "export const permissions = {\n  [Resource.Order]: [Action.Read, Action.Write, Action.Delete],\n  [Resource.Invoice]: [Action.Read],\n} as const;",
    );
    writeFileSync(path.join(dir, "schema", "permissions.ts"), twoDomains);
    const result = runCli(["generate"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'schema/permissions.ts:5:24: error PG0401: permission "invoice.read" and permission "order.read" both become the Go identifier PermRead; rename one of them (constantNames "action" names a permission by its action alone: give each domain its own package and config, or use "key")',
    );
    expect(readFileSync(path.join(dir, "orders", "permissions.go"), "utf8")).toBe(before);
    // The same schema under the default names generates: the collision is the option's.
    writeFileSync(path.join(dir, "permgen.config.json"), JSON.stringify(RBAC_CONFIG, null, 2));
    const byKey = runCli(["generate"], dir);
    expect(byKey.stderr).toBe("");
    expect(byKey.code).toBe(0);
    expect(readFileSync(path.join(dir, "orders", "permissions.go"), "utf8")).toContain("\tPermInvoiceRead rbac.Permission = 3\n");
  });

  test("a retired id takes a bit: the new permission past the limit says so", () => {
    const dir = makeModule(buildWideSchema(63));
    expect(runCli(["generate"], dir).code).toBe(0);
    // Drop a0 (its id 0 is retired for good) and add a63: the new key needs id 63.
    writeFileSync(path.join(dir, "schema", "permissions.ts"), buildWideSchema(63, 1));
    const result = runCli(["generate"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('permission "wide.a63" has id 63');
    expect(result.stderr).toContain("1 of the ids below it is retired");
    expect(result.stderr).toContain("module");
  });
});
