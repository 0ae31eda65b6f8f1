/**
 * The format rules of the vocabulary (CONTRACT §2), in one place so messages and checks agree.
 */

/** Resource values and the namespace: dot-separated lowercase segments (`engagement.member`). */
export const RESOURCE_VALUE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

/** Action values: one lowercase segment, no dot, so a key always splits at its last dot. */
export const ACTION_VALUE = /^[a-z][a-z0-9_]*$/;

/** Role names: one lowercase segment. */
export const ROLE_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Module names (config `modules`): a module name becomes the first part of its keys and of
 * names in every target, so it has the role-name form: lowercase letters, digits and
 * underscores, starting with a letter.
 */
export const MODULE_NAME = ROLE_NAME;

/** A permission key written in a grant: a resource value, a dot, an action value. */
export const PERMISSION_KEY = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/**
 * Lists values for a message ("read, acknowledge"), or "none" when there are none, so a user
 * sees what the schema declares next to what they wrote.
 */
export function formatList(values: readonly string[]): string {
  return values.length === 0 ? "none" : values.join(", ");
}
