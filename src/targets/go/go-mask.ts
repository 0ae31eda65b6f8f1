/**
 * The Go source of `PermissionMask`: a plain `uint64` when every permission id fits in 64 bits,
 * a fixed-size `[N]uint64` array beyond, so no permission is ever silently ignored (the seed's
 * int64 mask dropped positions 63 and up). Both forms have value semantics: the methods return
 * new masks, and the zero value grants nothing.
 */

/** The number of bits one mask word holds. */
const WORD_BITS = 64;

/**
 * Tells how many 64-bit words a mask needs for permission ids up to `maxId` (-1 when there are
 * no permissions): 1 means the plain `uint64` form.
 */
export function countMaskWords(maxId: number): number {
  return Math.max(1, Math.ceil((maxId + 1) / WORD_BITS));
}

/** Renders the single-word mask: `type PermissionMask uint64` and its methods. */
function renderWordMask(): string {
  return `// PermissionMask is a set of permissions, one bit per permission id. Every id of this
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
`;
}

/** Renders the multi-word mask: `type PermissionMask [words]uint64` and its methods. */
function renderArrayMask(words: number): string {
  return `// PermissionMask is a set of permissions, one bit per permission id, ${WORD_BITS} ids per word.
// It is sized for the highest id of this vocabulary, so no permission is ever ignored. A mask
// is a value: Grant, Revoke and Union return a new mask and leave the receiver unchanged, so
// the zero value grants nothing and calls chain: PermissionMask{}.Grant(p).Grant(q).
type PermissionMask [${words}]uint64

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
`;
}

/**
 * Renders the Go declaration of `PermissionMask` and its methods for permission ids up to
 * `maxId`: the `uint64` form when they fit in one word, else a `[N]uint64` array.
 */
export function renderGoMask(maxId: number): string {
  const words = countMaskWords(maxId);
  return words === 1 ? renderWordMask() : renderArrayMask(words);
}
