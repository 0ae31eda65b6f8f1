/**
 * The permission vocabulary of this repository, written by `permgen init`.
 *
 * permgen reads this file statically (it never runs it) and generates typed code from it: run
 * `npx permgen generate` after every edit and commit the result; `npx permgen check` fails CI
 * when the generated files are out of date.
 *
 * Rules, in short: `Resource` and `Action` are exported enums with string values (resources
 * like `engagement.member`, actions like `acknowledge`); `permissions` lists the only
 * (resource, action) pairs that exist; `roles` and `namespace` are optional. JSDoc comments
 * become documentation in the generated code, and `@deprecated` marks a member deprecated.
 */

/** Things a permission can be about. */
export enum Resource {
  /** Security alerts raised by detections. */
  Alert = "alert",
  Engagement = "engagement",
  /** Membership of a user in an engagement: a sub-resource, written with a dot. */
  EngagementMember = "engagement.member",
  User = "user",
}

/** What can be done to a resource. */
export enum Action {
  Read = "read",
  Acknowledge = "acknowledge",
  Create = "create",
  Manage = "manage",
}

/** The only (resource, action) pairs that exist: not every action applies to every resource. */
export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Acknowledge],
  [Resource.Engagement]: [Action.Create, Action.Read],
  [Resource.EngagementMember]: [Action.Manage],
  [Resource.User]: [Action.Manage],
} as const;

/**
 * Optional. Roles and what they hold: "*" is every permission, "alert.*" every action of the
 * alert resource (not of its sub-resources), anything else an exact "resource.action" key.
 */
export const roles = {
  /** Lead: everything, including permissions added later. */
  lead: ["*"],
  operator: ["alert.*", "engagement.read"],
  analyst: ["alert.read"],
} as const;

/** Optional. Prefixes every permission key: "app.alert.read". Delete it to use bare keys. */
export const namespace = "app";
