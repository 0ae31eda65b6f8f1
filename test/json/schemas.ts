/**
 * Schemas the JSON and Markdown target tests share: each exercises a part of the model the
 * documents show (namespace, deprecations, descriptions, roles, retired ids, no roles).
 */
import type { Lock } from "../../src/lock/lock.js";
import type { Model } from "../../src/model/model.js";
import { loadFromSource } from "../helpers/model.js";
import { REFERENCE_SCHEMA } from "../helpers/reference-schema.js";

/** The small schema's previous version: `user.manage` existed, so its id 3 is retired now. */
const SMALL_BEFORE = `
export enum Resource { Alert = "alert", User = "user" }
export enum Action { Read = "read", Manage = "manage" }
export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Manage],
  [Resource.User]: [Action.Read, Action.Manage],
} as const;
export const namespace = "soc";
`;

/** Namespace, docs on every kind of declaration, deprecations with and without reason. */
export const SMALL_SCHEMA = `/** Things a permission can be about. */
export enum Resource {
  /** Security alerts raised by detections. */
  Alert = "alert",
  /**
   * People who sign in.
   * @deprecated Use accounts.
   */
  User = "user",
}

/** What a permission allows. */
export enum Action {
  Read = "read",
  /** @deprecated */
  Manage = "manage",
}

/** Every pair that exists. */
export const permissions = {
  [Resource.Alert]: [
    Action.Read,
    /** Close | reopen \`alerts\` <b>now</b>. */
    Action.Manage,
  ],
  [Resource.User]: [Action.Read],
} as const;

/** Who holds what. */
export const roles = {
  /**
   * Sees alerts.
   * Nothing else.
   */
  viewer: ["alert.read"],
  admin: ["*"],
  /** @deprecated Use admin. */
  user_admin: ["user.*"],
} as const;

export const namespace = "soc";
`;

/** No namespace, no roles, no docs. */
export const PLAIN_SCHEMA = `
export enum Resource { Engagement = "engagement", EngagementMember = "engagement.member" }
export enum Action { Create = "create", Read = "read" }
export const permissions = {
  [Resource.Engagement]: [Action.Create, Action.Read],
  [Resource.EngagementMember]: [Action.Read],
} as const;
`;

/** A role with no grants, a resource without permissions, descriptions full of markup. */
export const ODD_SCHEMA = `
export enum Resource {
  /** Pipes | backticks \` and <script>alert(1)</script> & more */
  Report = "report",
  Unused = "unused",
}
export enum Action {
  /**
   * # Not a heading
   * - not a list
   */
  Export = "export",
}
export const permissions = { [Resource.Report]: [Action.Export] } as const;
export const roles = { nobody: [], exporter: ["report.*"] } as const;
export const namespace = "acme.billing";
`;

/** A model and the lock its run leaves, for a test schema. */
export interface LoadedSchema {
  readonly model: Model;
  readonly lock: Lock;
}

/** The small schema, loaded with the lock its previous version left (one retired key). */
export function loadSmallSchema(schemaPath?: string): LoadedSchema {
  const before = loadFromSource(SMALL_BEFORE);
  return loadFromSource(SMALL_SCHEMA, { lock: before.lock, ...(schemaPath === undefined ? {} : { schemaPath }) });
}

/** Every test schema by name, loaded from a fresh lock (the small one with its history). */
export function loadAllSchemas(): ReadonlyMap<string, LoadedSchema> {
  return new Map<string, LoadedSchema>([
    ["small", loadSmallSchema()],
    ["plain", loadFromSource(PLAIN_SCHEMA)],
    ["odd", loadFromSource(ODD_SCHEMA)],
    ["reference", loadFromSource(REFERENCE_SCHEMA)],
  ]);
}
