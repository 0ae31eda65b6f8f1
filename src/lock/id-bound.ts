/**
 * The one bound on permission ids, shared by the lock parser and the model builder.
 *
 * Ids are below this bound (2^17 = 131,072), and `nextId` is at most equal to it. Every id is
 * a bit position in Go's `PermissionMask` (an array of ⌈max id / 64⌉ uint64 words, copied by
 * value: at most 2,048 words, 16 KiB; the Go file spells out each role's mask), a `u32` in Rust,
 * an `integer` in PostgreSQL and SQLite and a JavaScript array index. It leaves room above the
 * largest vocabulary permgen is benchmarked at (100,000 pairs) for 31,000 more ids of churn,
 * while a hand-edited `nextId` of 2^31 would make every target allocate or overflow. See the
 * README ("The lock file").
 */
export const MAX_PERMISSION_IDS = 131_072;
