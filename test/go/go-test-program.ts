/**
 * Go test programs run against generated packages: `go test` checks mask semantics, key
 * round-trips, roles and RequirePermission's sentinels for every permission of the model, with
 * the expectations written from the model by TypeScript (an independent statement of what the
 * generated code must say).
 */
import type { Model } from "../../src/model/model.js";

/** Renders `expected_test.go`: the model's permissions, retired ids and roles as Go data. */
export function renderExpectedData(
  model: Model,
  packageName: string,
  retiredIds: readonly number[],
): string {
  const q = (s: string): string => JSON.stringify(s);
  const perms = model.permissions.map(
    (p) => `\t{${q(p.key)}, ${p.id}, ${q(p.resource.value)}, ${q(p.action.value)}},`,
  );
  const roles = model.roles.map(
    (r) => `\t{${q(r.name)}, []string{${r.permissions.map((p) => q(p.key)).join(", ")}}},`,
  );
  return [
    `package ${packageName}`,
    "",
    "type expectedPermission struct {",
    "\tkey      string",
    "\tid       uint32",
    "\tresource string",
    "\taction   string",
    "}",
    "",
    "var expectedPermissions = []expectedPermission{",
    ...perms,
    "}",
    "",
    `var expectedRetired = []uint32{${retiredIds.join(", ")}}`,
    "",
    "type expectedRole struct {",
    "\tname string",
    "\tkeys []string",
    "}",
    "",
    "var expectedRoles = []expectedRole{",
    ...roles,
    "}",
    "",
  ].join("\n");
}

/** Renders `vocabulary_test.go`: checks that hold for every generated package. */
export function renderVocabularyTest(packageName: string): string {
  return `package ${packageName}

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
)

func fullMask() PermissionMask {
	var m PermissionMask
	for _, p := range AllPermissions() {
		m = m.Grant(p)
	}
	return m
}

// everyBitSet returns a mask with every bit set, retired and unused ids included.
func everyBitSet() PermissionMask {
	var m PermissionMask
	v := reflect.ValueOf(&m).Elem()
	switch v.Kind() {
	case reflect.Uint64:
		v.SetUint(^uint64(0))
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			v.Index(i).SetUint(^uint64(0))
		}
	default:
		panic("unexpected PermissionMask kind " + v.Kind().String())
	}
	return m
}

func TestZeroMaskDeniesEverything(t *testing.T) {
	var zero PermissionMask
	for _, p := range AllPermissions() {
		if zero.Has(p) {
			t.Errorf("zero mask grants %s", p)
		}
		err := RequirePermission(zero, p.Resource(), p.Action())
		if !errors.Is(err, ErrPermissionDenied) || errors.Is(err, ErrUndeclaredPermission) {
			t.Errorf("RequirePermission(zero, %s) = %v, want ErrPermissionDenied", p, err)
		}
		if err != nil && err.Error() != "permission denied: "+p.String() {
			t.Errorf("denied message = %q", err.Error())
		}
	}
	if got := zero.Permissions(); len(got) != 0 {
		t.Errorf("zero.Permissions() = %v", got)
	}
}

func TestKeysRoundTrip(t *testing.T) {
	all := AllPermissions()
	pairs := ResourceActionPairs()
	if len(all) != len(expectedPermissions) || len(pairs) != len(expectedPermissions) {
		t.Fatalf("AllPermissions() has %d, ResourceActionPairs() %d, want %d", len(all), len(pairs), len(expectedPermissions))
	}
	for i, want := range expectedPermissions {
		p := all[i]
		if uint32(p) != want.id || p.String() != want.key || string(p.Resource()) != want.resource || string(p.Action()) != want.action {
			t.Errorf("permission %d = (%d, %s, %s, %s), want %+v", i, uint32(p), p, p.Resource(), p.Action(), want)
		}
		if q, ok := ParsePermission(want.key); !ok || q != p {
			t.Errorf("ParsePermission(%q) = %v, %v", want.key, q, ok)
		}
		if q, ok := Lookup(Resource(want.resource), Action(want.action)); !ok || q != p {
			t.Errorf("Lookup(%s, %s) = %v, %v", want.resource, want.action, q, ok)
		}
		if pairs[i] != (ResourceActionPair{Resource(want.resource), Action(want.action)}) {
			t.Errorf("ResourceActionPairs()[%d] = %+v", i, pairs[i])
		}
	}
	// The accessors hand out copies: changing them changes nothing.
	if len(all) > 0 {
		all[0] = Permission(^uint32(0))
		pairs[0] = ResourceActionPair{"x", "y"}
		if AllPermissions()[0] == all[0] || ResourceActionPairs()[0] == pairs[0] {
			t.Errorf("AllPermissions or ResourceActionPairs returned shared storage")
		}
	}
	if _, ok := ParsePermission(""); ok {
		t.Errorf("ParsePermission(\\"\\") found a permission")
	}
}

func TestGrantRevokeHasUnion(t *testing.T) {
	all := AllPermissions()
	var zero PermissionMask
	for i, p := range all {
		m := zero.Grant(p)
		if zero.Has(p) {
			t.Fatalf("Grant changed its receiver")
		}
		for j, q := range all {
			if m.Has(q) != (i == j) {
				t.Errorf("Grant(%s).Has(%s) = %v", p, q, m.Has(q))
			}
		}
		if got := m.Permissions(); len(got) != 1 || got[0] != p {
			t.Errorf("Grant(%s).Permissions() = %v", p, got)
		}
		if err := RequirePermission(m, p.Resource(), p.Action()); err != nil {
			t.Errorf("RequirePermission(Grant(%s)) = %v", p, err)
		}
		if m.Grant(p) != m {
			t.Errorf("granting twice changed the mask")
		}
		if r := m.Revoke(p); r != zero || !m.Has(p) {
			t.Errorf("Revoke(%s) = %v, receiver changed: %v", p, r, !m.Has(p))
		}
	}
	var even, odd PermissionMask
	for i, p := range all {
		if i%2 == 0 {
			even = even.Grant(p)
		} else {
			odd = odd.Grant(p)
		}
	}
	u := even.Union(odd)
	if u != odd.Union(even) || u != fullMask() {
		t.Errorf("Union is not the full mask")
	}
	for i, p := range all {
		if even.Has(p) != (i%2 == 0) {
			t.Errorf("Union changed its receiver at %s", p)
		}
	}
	if len(fullMask().Permissions()) != len(all) {
		t.Errorf("full mask lists %d permissions, want %d", len(fullMask().Permissions()), len(all))
	}
}

func TestUnknownIdsAreDeniedWithoutPanic(t *testing.T) {
	known := map[uint32]bool{}
	maxID := uint32(0)
	for _, want := range expectedPermissions {
		known[want.id] = true
		if want.id > maxID {
			maxID = want.id
		}
	}
	candidates := []uint32{maxID + 1, maxID + 64, 62, 63, 64, 65, 127, 128, 1 << 16, 1 << 31, ^uint32(0)}
	candidates = append(candidates, expectedRetired...)
	full := fullMask()
	raw := everyBitSet()
	var zero PermissionMask
	for _, id := range candidates {
		if known[id] {
			continue
		}
		u := Permission(id)
		if full.Has(u) || raw.Has(u) || zero.Has(u) {
			t.Errorf("unknown id %d is granted", id)
		}
		if zero.Grant(u) != zero || full.Grant(u) != full || full.Revoke(u) != full {
			t.Errorf("Grant/Revoke of unknown id %d changed the mask", id)
		}
		if u.String() != fmt.Sprintf("Permission(%d)", id) || u.Resource() != "" || u.Action() != "" {
			t.Errorf("unknown id %d: String %q, Resource %q, Action %q", id, u.String(), u.Resource(), u.Action())
		}
	}
	for _, id := range expectedRetired {
		if _, ok := ParsePermission(Permission(id).String()); ok {
			t.Errorf("retired id %d parses", id)
		}
	}
	// A caller that ignores the bool must still be denied: the failure value is no permission.
	for _, key := range []string{"", "no.such.key", "retired.key.read"} {
		p, ok := ParsePermission(key)
		if ok || p != NoPermission || full.Has(p) || raw.Has(p) || p.known() {
			t.Errorf("ParsePermission(%q) = (%d, %v): the failure value is a permission", key, uint32(p), ok)
		}
	}
	if p, ok := Lookup("no.such.resource", "read"); ok || p != NoPermission || full.Has(p) || raw.Has(p) {
		t.Errorf("Lookup of an undeclared pair = (%d, %v)", uint32(p), ok)
	}
	if RequirePermission(raw, NoPermission.Resource(), NoPermission.Action()) == nil {
		t.Errorf("NoPermission is required successfully")
	}
	if got := len(raw.Permissions()); got != len(expectedPermissions) {
		t.Errorf("a mask with every bit set lists %d permissions, want %d", got, len(expectedPermissions))
	}
}

func TestUndeclaredPairs(t *testing.T) {
	full := fullMask()
	for _, p := range AllPermissions() {
		for _, pair := range []ResourceActionPair{
			{p.Resource(), ""},
			{p.Resource(), "no_such_action"},
			{"no.such.resource", p.Action()},
			// A key that splits differently must not find the permission.
			{Resource(string(p.Resource()) + "." + string(p.Action())), ""},
		} {
			if _, ok := Lookup(pair.Resource, pair.Action); ok {
				t.Errorf("Lookup(%q, %q) found a permission", pair.Resource, pair.Action)
			}
			err := RequirePermission(full, pair.Resource, pair.Action)
			if !errors.Is(err, ErrUndeclaredPermission) || errors.Is(err, ErrPermissionDenied) {
				t.Errorf("RequirePermission(%q, %q) = %v, want ErrUndeclaredPermission", pair.Resource, pair.Action, err)
			}
		}
	}
}
`;
}

/** Renders `roles_test.go` for packages generated from a schema with roles. */
export function renderRolesTest(packageName: string): string {
  return `package ${packageName}

import "testing"

func TestRolePermissions(t *testing.T) {
	roles := AllRoles()
	if len(roles) != len(expectedRoles) {
		t.Fatalf("AllRoles() = %v", roles)
	}
	var zero PermissionMask
	for i, want := range expectedRoles {
		if string(roles[i]) != want.name {
			t.Errorf("AllRoles()[%d] = %s, want %s", i, roles[i], want.name)
		}
		m := RolePermissions(roles[i])
		var keys []string
		for _, p := range m.Permissions() {
			keys = append(keys, p.String())
		}
		if len(keys) != len(want.keys) {
			t.Errorf("role %s holds %v, want %v", want.name, keys, want.keys)
			continue
		}
		for j := range keys {
			if keys[j] != want.keys[j] {
				t.Errorf("role %s holds %v, want %v", want.name, keys, want.keys)
			}
			p, _ := ParsePermission(keys[j])
			if err := RequirePermission(m, p.Resource(), p.Action()); err != nil {
				t.Errorf("role %s: %v", want.name, err)
			}
		}
		if len(want.keys) > 0 {
			p, _ := ParsePermission(want.keys[0])
			m = m.Revoke(p)
			if !RolePermissions(roles[i]).Has(p) {
				t.Errorf("changing a returned mask changed role %s", want.name)
			}
		}
	}
	if RolePermissions("no_such_role") != zero || RolePermissions("") != zero {
		t.Errorf("an unknown role holds permissions")
	}
	all := AllRoles()
	if len(all) > 0 {
		all[0] = "changed"
		if AllRoles()[0] == "changed" {
			t.Errorf("AllRoles returned shared storage")
		}
	}
}
`;
}
