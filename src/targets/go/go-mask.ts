/**
 * The Go source of `PermissionMask`: a plain `uint64` when every permission id fits in 64 bits,
 * a fixed-size `[N]uint64` array beyond, so no permission is ever silently ignored (the seed's
 * int64 mask dropped positions 63 and up). Both forms have value semantics: the methods return
 * new masks, and the zero value grants nothing. Each form is a Go file of its own under
 * templates/go/ (they declare the same type, so they cannot share one), read once, when the Go
 * emitter loads (see src/targets/runtime-template.ts).
 */
import { fillPlaceholders, loadRuntimeTemplate } from "../runtime-template.js";

/** The number of bits one mask word holds. */
const WORD_BITS = 64;

/** `type PermissionMask uint64` and its methods. */
const WORD_MASK = `${loadRuntimeTemplate("go/mask-word.go").section("mask")}\n`;

/** `type PermissionMask [__PERMGEN_WORDS__]uint64` and its methods. */
const ARRAY_MASK = `${loadRuntimeTemplate("go/mask-array.go").section("mask")}\n`;

/**
 * Tells how many 64-bit words a mask needs for permission ids up to `maxId` (-1 when there are
 * no permissions): 1 means the plain `uint64` form.
 */
export function countMaskWords(maxId: number): number {
  return Math.max(1, Math.ceil((maxId + 1) / WORD_BITS));
}

/**
 * Renders the Go declaration of `PermissionMask` and its methods for permission ids up to
 * `maxId`: the `uint64` form when they fit in one word, else a `[N]uint64` array.
 */
export function renderGoMask(maxId: number): string {
  const words = countMaskWords(maxId);
  return words === 1 ? WORD_MASK : fillPlaceholders(ARRAY_MASK, { WORDS: String(words) });
}
