// The fixed part of the Go file permgen generates: the role masks, the lookups, the errors and
// RequirePermission. The Go emitter (src/targets/go/emit-go.ts) copies only the sections
// between the begin and end markers below (the convention is in
// src/targets/runtime-template.ts); everything else is a small stand-in for what it generates
// from the schema, so that this file is a package of its own that gofmt and go vet check as it
// is (test/templates/).

package permissions

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// SchemaDigest is a stand-in for the generated digest.
const SchemaDigest = "0000000000000000000000000000000000000000000000000000000000000000"

// schemaDigestQuery is a stand-in for the generated query.
const schemaDigestQuery = "SELECT value FROM \"permgen_meta\" WHERE key = 'schema_digest'"

// Stand-ins for the generated vocabulary, tables and mask: one resource, one action, one
// permission.

// Resource is a thing a permission can be about.
type Resource string

// Action is what a permission allows on a resource.
type Action string

// Permission is one declared (resource, action) pair.
type Permission uint32

// PermAlertRead is the permission "alert.read" (id 0).
const PermAlertRead Permission = 0

// NoPermission is what ParsePermission and Lookup return when there is no such permission.
const NoPermission = ^Permission(0)

type permissionInfo struct {
	key      string
	resource Resource
	action   Action
}

var permissionTable = [...]permissionInfo{
	{"alert.read", "alert", "read"},
}

var permissionOrder = [...]Permission{
	PermAlertRead,
}

// PermissionMask is a set of permissions, one bit per permission id.
type PermissionMask uint64

// Has reports whether m grants p.
func (m PermissionMask) Has(p Permission) bool {
	return p.known() && m&(1<<p) != 0
}

func (m *PermissionMask) set(p Permission) {
	if p.known() {
		*m |= 1 << p
	}
}

// Role is a named set of permissions.
type Role string

// RoleViewer is the role "viewer".
const RoleViewer Role = "viewer"

type roleInfo struct {
	role        Role
	permissions []Permission
}

var roleTable = [...]roleInfo{
	{RoleViewer, []Permission{
		PermAlertRead,
	}},
}

// permgen:begin role_functions

var roleMasks = buildRoleMasks()

func buildRoleMasks() map[Role]PermissionMask {
	masks := make(map[Role]PermissionMask, len(roleTable))
	for _, r := range roleTable {
		var m PermissionMask
		for _, p := range r.permissions {
			m.set(p)
		}
		masks[r.role] = m
	}
	return masks
}

// RolePermissions returns the permissions the role holds. An unknown role holds nothing:
// its mask is empty.
func RolePermissions(role Role) PermissionMask {
	return roleMasks[role]
}

// AllRoles returns every role in schema order, in a new slice the caller may change.
func AllRoles() []Role {
	out := make([]Role, len(roleTable))
	for i, r := range roleTable {
		out[i] = r.role
	}
	return out
}

// permgen:end role_functions

// permgen:begin functions

// ErrPermissionDenied is wrapped by the error RequirePermission returns when the mask does
// not grant the permission. Test for it with errors.Is.
var ErrPermissionDenied = errors.New("permission denied")

// ErrUndeclaredPermission is wrapped by the error RequirePermission returns when the
// (resource, action) pair is not declared in the schema. Test for it with errors.Is.
var ErrUndeclaredPermission = errors.New("undeclared permission")

// ResourceActionPair is one declared (resource, action) pair.
type ResourceActionPair struct {
	Resource Resource
	Action   Action
}

var permissionsByKey, permissionsByPair = indexPermissions()

func indexPermissions() (map[string]Permission, map[ResourceActionPair]Permission) {
	byKey := make(map[string]Permission, len(permissionOrder))
	byPair := make(map[ResourceActionPair]Permission, len(permissionOrder))
	for _, p := range permissionOrder {
		info := permissionTable[p]
		byKey[info.key] = p
		byPair[ResourceActionPair{info.resource, info.action}] = p
	}
	return byKey, byPair
}

// known reports whether p is a permission of this vocabulary (not unknown, retired or out of
// range).
func (p Permission) known() bool {
	return uint64(p) < uint64(len(permissionTable)) && permissionTable[p].key != ""
}

// String returns the permission's key, such as "alert.read" (with the namespace prefix when
// the schema has one), or "Permission(<n>)" for a value that is not a permission of this
// vocabulary.
func (p Permission) String() string {
	if !p.known() {
		return fmt.Sprintf("Permission(%d)", uint32(p))
	}
	return permissionTable[p].key
}

// Resource returns the permission's resource, or "" for a value that is not a permission of
// this vocabulary.
func (p Permission) Resource() Resource {
	if !p.known() {
		return ""
	}
	return permissionTable[p].resource
}

// Action returns the permission's action, or "" for a value that is not a permission of this
// vocabulary.
func (p Permission) Action() Action {
	if !p.known() {
		return ""
	}
	return permissionTable[p].action
}

// ParsePermission returns the permission whose key (as String returns it) is key, and whether
// there is one. For an unknown or retired key it returns NoPermission, which no mask grants.
func ParsePermission(key string) (Permission, bool) {
	if p, ok := permissionsByKey[key]; ok {
		return p, true
	}
	return NoPermission, false
}

// Lookup returns the permission of the (resource, action) pair, and whether the schema
// declares that pair. For an undeclared pair it returns NoPermission, which no mask grants.
func Lookup(r Resource, a Action) (Permission, bool) {
	if p, ok := permissionsByPair[ResourceActionPair{r, a}]; ok {
		return p, true
	}
	return NoPermission, false
}

// AllPermissions returns every permission in schema order, in a new slice the caller may
// change.
func AllPermissions() []Permission {
	out := make([]Permission, len(permissionOrder))
	copy(out, permissionOrder[:])
	return out
}

// ResourceActionPairs returns every declared (resource, action) pair in schema order, in a new
// slice the caller may change: the vocabulary itself cannot be modified through it.
func ResourceActionPairs() []ResourceActionPair {
	out := make([]ResourceActionPair, len(permissionOrder))
	for i, p := range permissionOrder {
		out[i] = ResourceActionPair{permissionTable[p].resource, permissionTable[p].action}
	}
	return out
}

// Permissions returns the permissions m grants, in schema order, in a new slice.
func (m PermissionMask) Permissions() []Permission {
	var out []Permission
	for _, p := range permissionOrder {
		if m.Has(p) {
			out = append(out, p)
		}
	}
	return out
}

// RequirePermission returns nil when mask grants the permission of (r, a). Otherwise it
// returns an error wrapping ErrPermissionDenied and naming the permission's key, or, when the
// schema declares no such pair, an error wrapping ErrUndeclaredPermission.
func RequirePermission(mask PermissionMask, r Resource, a Action) error {
	p, ok := Lookup(r, a)
	if !ok {
		return fmt.Errorf("%w: resource %q, action %q", ErrUndeclaredPermission, string(r), string(a))
	}
	if !mask.Has(p) {
		return fmt.Errorf("%w: %s", ErrPermissionDenied, p)
	}
	return nil
}

// permgen:end functions

// permgen:begin schema_digest_check

// SchemaDigestError is the error VerifySchemaDigest returns when the database does not hold
// SchemaDigest: it was migrated from another schema, or not by permgen's migrations at all.
type SchemaDigestError struct {
	// Database is the digest the database holds, or "" when it holds none.
	Database string
	// Compiled is SchemaDigest, the digest this package was generated with.
	Compiled string
	// Reason says what was found instead of a matching digest.
	Reason string
	// Err is the driver's error when the query failed, else nil.
	Err error
}

// Error names both digests.
func (e *SchemaDigestError) Error() string {
	database := e.Database
	if database == "" {
		database = "none"
	}
	return fmt.Sprintf("database schema digest %s does not match SchemaDigest %s: %s",
		database, e.Compiled, e.Reason)
}

// Unwrap returns the driver's error, if any, for errors.Is and errors.As.
func (e *SchemaDigestError) Unwrap() error {
	return e.Err
}

// VerifySchemaDigest returns nil when the database holds SchemaDigest in the schema_digest
// row of the metadata table the permgen SQL migrations write, and a *SchemaDigestError
// otherwise. Call it once at start-up. It fails closed: a missing table or row, a value that
// is not a string and a query the driver rejects all return an error. The query takes no
// parameters, so it suits every driver's placeholder syntax.
func VerifySchemaDigest(ctx context.Context, db *sql.DB) error {
	var value any
	err := db.QueryRowContext(ctx, schemaDigestQuery).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return &SchemaDigestError{Compiled: SchemaDigest, Reason: "the database has no schema_digest row"}
	}
	if err != nil {
		return &SchemaDigestError{Compiled: SchemaDigest, Reason: fmt.Sprintf("cannot read it (%v)", err), Err: err}
	}
	var digest string
	switch v := value.(type) {
	case string:
		digest = v
	case []byte:
		digest = string(v)
	default:
		return &SchemaDigestError{Compiled: SchemaDigest, Reason: "its schema_digest value is not a string"}
	}
	if digest != SchemaDigest {
		return &SchemaDigestError{
			Database: digest,
			Compiled: SchemaDigest,
			Reason:   "migrate the database or deploy the code built from its schema",
		}
	}
	return nil
}

// permgen:end schema_digest_check
