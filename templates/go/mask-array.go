// The array form of PermissionMask in the Go file permgen generates: a [N]uint64 array, used
// when some permission id does not fit in 64 bits (N is the placeholder __PERMGEN_WORDS__). The
// Go emitter (src/targets/go/go-mask.ts) copies only the section between the begin and end
// markers below (the convention is in src/targets/runtime-template.ts); everything else is a
// small stand-in for what it generates from the schema, so that this file is a package of its
// own that gofmt and go vet check as it is (test/templates/).

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

// __PERMGEN_WORDS__ stands for the number of 64-bit words the mask needs.
const __PERMGEN_WORDS__ = 2

// permgen:begin mask

// PermissionMask is a set of permissions, one bit per permission id, 64 ids per word.
// It is sized for the highest id of this vocabulary, so no permission is ever ignored. A mask
// is a value: Grant, Revoke and Union return a new mask and leave the receiver unchanged, so
// the zero value grants nothing and calls chain: PermissionMask{}.Grant(p).Grant(q).
type PermissionMask [__PERMGEN_WORDS__]uint64

// Has reports whether m grants p. A value that is not a permission of this vocabulary
// (unknown, retired or out of range) is never granted.
func (m PermissionMask) Has(p Permission) bool {
	return p.known() && m[p/64]&(1<<(p%64)) != 0
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
		m[p/64] &^= 1 << (p % 64)
	}
	return m
}

// Union returns the permissions granted by m or by other.
func (m PermissionMask) Union(other PermissionMask) PermissionMask {
	for i := range m {
		m[i] |= other[i]
	}
	return m
}

// set grants p in place; unknown values are ignored.
func (m *PermissionMask) set(p Permission) {
	if p.known() {
		m[p/64] |= 1 << (p % 64)
	}
}

// permgen:end mask
