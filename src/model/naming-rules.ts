/**
 * The format rules of the vocabulary (CONTRACT §2), in one place so messages and checks agree.
 */

/** Resource values and the namespace: dot-separated lowercase segments (`engagement.member`). */
export const RESOURCE_VALUE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

/** Action values: one lowercase segment, no dot, so a key always splits at its last dot. */
export const ACTION_VALUE = /^[a-z][a-z0-9_]*$/;

/** Role names: one lowercase segment. */
export const ROLE_NAME = /^[a-z][a-z0-9_]*$/;

/** A permission key written in a grant: a resource value, a dot, an action value. */
export const PERMISSION_KEY = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/**
 * Lists values for a message ("read, acknowledge"), or "none" when there are none, so a user
 * sees what the schema declares next to what they wrote.
 */
export function formatList(values: readonly string[]): string {
  return values.length === 0 ? "none" : values.join(", ");
}
