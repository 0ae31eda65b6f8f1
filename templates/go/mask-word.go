// The word form of PermissionMask in the Go file permgen generates: a plain uint64, used when
// every permission id fits in 64 bits. The Go emitter (src/targets/go/go-mask.ts) copies only
// the section between the begin and end markers below (the convention is in
// src/targets/runtime-template.ts); everything else is a small stand-in for what it generates
// from the schema, so that this file is a package of its own that gofmt and go vet check as it
// is (test/templates/).

package permissions

// Stand-ins for the generated permission type and table.

// Permission is one declared (resource, action) pair.
type Permission uint32

type permissionInfo struct {
	key string
}

var permissionTable = [...]permissionInfo{
	{"alert.read"},
}

func (p Permission) known() bool {
	return uint64(p) < uint64(len(permissionTable)) && permissionTable[p].key != ""
}

// permgen:begin mask

// PermissionMask is a set of permissions, one bit per permission id. Every id of this
// vocabulary fits, so no permission is ever ignored. A mask is a value: Grant, Revoke and
// Union return a new mask and leave the receiver unchanged, so the zero value grants nothing
// and calls chain: PermissionMask(0).Grant(p).Grant(q).
type PermissionMask uint64

// Has reports whether m grants p. A value that is not a permission of this vocabulary
// (unknown, retired or out of range) is never granted.
func (m PermissionMask) Has(p Permission) bool {
	return p.known() && m&(1<<p) != 0
}

// Grant returns m with p granted. A value that is not a permission of this vocabulary leaves
// the mask unchanged.
func (m PermissionMask) Grant(p Permission) PermissionMask {
	m.set(p)
	return m
}

// Revoke returns m without p. A value that is not a permission of this vocabulary leaves the
// mask unchanged.
func (m PermissionMask) Revoke(p Permission) PermissionMask {
	if p.known() {
		m &^= 1 << p
	}
	return m
}

// Union returns the permissions granted by m or by other.
func (m PermissionMask) Union(other PermissionMask) PermissionMask {
	return m | other
}

// set grants p in place; unknown values are ignored.
func (m *PermissionMask) set(p Permission) {
	if p.known() {
		*m |= 1 << p
	}
}

// permgen:end mask
