/**
 * The one bound on permission ids, shared by the lock parser and the model builder.
 *
 * Ids are below this bound (2^16 = 65,536), and so is `nextId` at most equal to it. Every id is
 * a bit position in Go's `PermissionMask` (an array of ⌈max id / 64⌉ uint64 words, copied by
 * value: 65,536 ids keep a mask at 8 KiB), a `u32` in Rust, an `integer` in PostgreSQL and
 * SQLite and a JavaScript array index; a vocabulary of thousands of permissions stays far below
 * it, while a hand-edited `nextId` of 2^31 would otherwise make every target allocate or
 * overflow. See the README ("The lock file").
 */
export const MAX_PERMISSION_IDS = 65_536;
