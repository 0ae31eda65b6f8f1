// The fixed part of the TypeScript file permgen generates: the guards, the error class and the
// helpers behind the frozen tables. The TypeScript emitter
// (src/targets/typescript/emit-typescript.ts) copies only the sections between the begin and
// end markers below (the convention is in src/targets/runtime-template.ts), and prettier then
// formats the generated file with the user's config; everything else is a small stand-in for
// what it generates from the schema, so that this file is a module of its own that tsc checks
// as it is, under the strictest options and erasableSyntaxOnly (test/templates/).
// __PERMGEN_KEY_PREFIX__ is the namespace followed by a dot, or nothing.

// Stand-ins for the generated vocabulary and tables: one resource, one action, one role.

export const Resource = { Alert: "alert" } as const;
export type Resource = (typeof Resource)[keyof typeof Resource];

export const Action = { Read: "read" } as const;
export type Action = (typeof Action)[keyof typeof Action];

export type Permission = "alert.read";

export const PERMISSION_IDS: ReadonlyMap<Permission, number> = freezeMap(
  new Map<Permission, number>([["alert.read", 0]]),
);

export const RESOURCE_ACTION_PAIRS: ReadonlySet<Permission> = freezeSet(
  PERMISSION_IDS.keys(),
);

export interface ActionsByResource {
  alert: typeof Action.Read;
}

export type ActionOf<R extends Resource> = {
  [K in R]: [R] extends [K] ? ActionsByResource[K] : never;
}[R];

export const Role = { Viewer: "viewer" } as const;
export type Role = (typeof Role)[keyof typeof Role];

export const ROLE_PERMISSIONS = freezeMap<Role, ReadonlySet<Permission>>([
  [Role.Viewer, freezeSet<Permission>(["alert.read"])],
]);

export const SCHEMA_DIGEST = "0".repeat(64);

const SCHEMA_DIGEST_QUERY =
  "SELECT value FROM \"permgen_meta\" WHERE key = 'schema_digest'";

// permgen:begin schema_digest_check

/**
 * How `verifySchemaDigest` runs its one query: a function that runs SQL text (no parameters)
 * and returns the result rows, or a promise of them. A row is an object with a `value`
 * property, as pg, PGlite, better-sqlite3 and node:sqlite return it, or an array of column
 * values (pg's `rowMode: "array"`). For example, with pg:
 * `(sql) => pool.query(sql).then((r) => r.rows)`; with better-sqlite3 or node:sqlite:
 * `(sql) => db.prepare(sql).all()`.
 */
export type SchemaDigestQuery = (
  sql: string,
) => Promise<readonly unknown[]> | readonly unknown[];

/**
 * Thrown by `verifySchemaDigest` when the database does not hold this file's `SCHEMA_DIGEST`:
 * it was migrated from another schema, or not by permgen's migrations at all.
 */
export class SchemaDigestMismatchError extends Error {
  override readonly name = "SchemaDigestMismatchError";
  /** The digest the database holds, or undefined when it holds none. */
  readonly databaseDigest: string | undefined;
  /** `SCHEMA_DIGEST`, the digest this file was generated with. */
  readonly compiledDigest: string = SCHEMA_DIGEST;

  constructor(
    databaseDigest: string | undefined,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(
      `database schema digest ${databaseDigest ?? "none"} does not match SCHEMA_DIGEST ${SCHEMA_DIGEST}: ${detail}`,
      options,
    );
    this.databaseDigest = databaseDigest;
  }
}

/**
 * Resolves when the database holds this file's `SCHEMA_DIGEST` in the `schema_digest` row of
 * the metadata table the permgen SQL migrations write; rejects with
 * `SchemaDigestMismatchError` otherwise. Call it once at start-up. Fails closed: a missing
 * table or row, a value that is not a string and a query that throws all reject.
 */
export async function verifySchemaDigest(
  query: SchemaDigestQuery,
): Promise<void> {
  let rows: unknown;
  try {
    rows = await query(SCHEMA_DIGEST_QUERY);
  } catch (error) {
    const reason = error instanceof Error ? error.message : typeof error;
    const detail = `cannot read it (${reason})`;
    throw new SchemaDigestMismatchError(undefined, detail, { cause: error });
  }
  if (!Array.isArray(rows) || rows.length !== 1) {
    throw new SchemaDigestMismatchError(
      undefined,
      "the database has no schema_digest row",
    );
  }
  const row: unknown = rows[0];
  const value = Array.isArray(row) ? (row[0] as unknown) : readValueColumn(row);
  if (typeof value !== "string") {
    throw new SchemaDigestMismatchError(
      undefined,
      "its schema_digest value is not a string",
    );
  }
  if (value !== SCHEMA_DIGEST) {
    throw new SchemaDigestMismatchError(
      value,
      "migrate the database or deploy the code built from its schema",
    );
  }
}

/** The own `value` property of an object row (never an inherited one), else undefined. */
function readValueColumn(row: unknown): unknown {
  if (typeof row !== "object" || row === null || !Object.hasOwn(row, "value")) {
    return undefined;
  }
  return (row as { readonly value: unknown }).value;
}
// permgen:end schema_digest_check

// permgen:begin permissions_of_roles

/**
 * The union of the permissions of `roles`. An unknown role grants nothing, and so does
 * anything that is not an iterable of role names (a plain string included).
 */
export function permissionsOfRoles(
  roles: Iterable<string>,
): ReadonlySet<Permission> {
  const result = new Set<Permission>();
  if (!isIterable(roles)) return result;
  for (const role of roles) {
    const granted =
      typeof role === "string" ? ROLE_PERMISSIONS.get(role as Role) : undefined;
    if (granted === undefined) continue;
    for (const permission of granted) result.add(permission);
  }
  return result;
}
// permgen:end permissions_of_roles

// permgen:begin runtime

/**
 * What a guard accepts: the granted permission keys, or an object with a `permissions`
 * iterable of them (a user, a token). `null` and `undefined` grant nothing.
 */
export type GrantedPermissions =
  | Iterable<string>
  | { readonly permissions: Iterable<string> }
  | null
  | undefined;

/** Returns when the permission is granted; throws `PermissionDeniedError` otherwise. */
export type PermissionGuard = (granted: GrantedPermissions) => void;

/** Thrown by a guard when the permission it requires is not granted (HTTP 403). */
export class PermissionDeniedError extends Error {
  override readonly name = "PermissionDeniedError";
  readonly status = 403;
  readonly permission: Permission;

  constructor(permission: Permission) {
    super(`Permission denied: ${permission} is not granted`);
    this.permission = permission;
  }
}

/**
 * The key of a declared (resource, action) pair. An undeclared pair does not type-check;
 * from untyped code it throws a `TypeError`.
 */
export function permissionKey<R extends Resource>(
  resource: R,
  action: ActionOf<R>,
): Permission {
  // Untyped callers can pass anything: check the values, not their static types.
  const resourceValue: unknown = resource;
  const actionValue: unknown = action;
  const key =
    typeof resourceValue === "string" &&
    typeof actionValue === "string" &&
    !actionValue.includes(".")
      ? `__PERMGEN_KEY_PREFIX__${resourceValue}.${actionValue}`
      : undefined;
  if (key === undefined || !RESOURCE_ACTION_PAIRS.has(key as Permission)) {
    throw new TypeError(
      `Undeclared permission: resource ${describeValue(resourceValue)} has no action ${describeValue(actionValue)}`,
    );
  }
  return key as Permission;
}

/** Whether `value` is a declared permission key (exact string match). */
export function isPermission(value: unknown): value is Permission {
  return (
    typeof value === "string" && RESOURCE_ACTION_PAIRS.has(value as Permission)
  );
}

/**
 * A guard for one declared (resource, action) pair. An undeclared pair does not
 * type-check; from untyped code it throws a `TypeError` at once. The guard returns when
 * the pair's key is among the granted permissions and throws `PermissionDeniedError`
 * otherwise: only the exact key grants, and anything that is not an iterable of keys
 * grants nothing.
 */
export function requirePermission<R extends Resource>(
  resource: R,
  action: ActionOf<R>,
): PermissionGuard {
  const permission = permissionKey(resource, action);
  return (granted) => {
    if (!isGranted(granted, permission)) {
      throw new PermissionDeniedError(permission);
    }
  };
}

/**
 * Whether the granted permissions include the pair's key: the boolean form of
 * `requirePermission`, typed and checked the same way.
 */
export function hasPermission<R extends Resource>(
  granted: GrantedPermissions,
  resource: R,
  action: ActionOf<R>,
): boolean {
  return isGranted(granted, permissionKey(resource, action));
}

/** Fails closed: only the exact key, among an iterable of keys, grants. */
function isGranted(
  granted: GrantedPermissions,
  permission: Permission,
): boolean {
  const keys: unknown = isIterable(granted)
    ? granted
    : typeof granted === "object" && granted !== null
      ? granted.permissions
      : undefined;
  if (!isIterable(keys)) return false;
  for (const key of keys) {
    if (key === permission) return true;
  }
  return false;
}

/** An iterable object. Strings are not accepted, so a key is never split into letters. */
function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] ===
      "function"
  );
}

/**
 * A Set that cannot change: `add`, `delete` and `clear` throw, and the object is frozen, so
 * no caller, typed or not, can widen the vocabulary or a role at run time.
 */
function freezeSet<T>(values: Iterable<T>): ReadonlySet<T> {
  const set = new Set(values);
  for (const method of ["add", "delete", "clear"]) {
    Object.defineProperty(set, method, { value: rejectMutation });
  }
  return Object.freeze(set);
}

/** A Map that cannot change: `set`, `delete` and `clear` throw, and the object is frozen. */
function freezeMap<K, V>(
  entries: Iterable<readonly [K, V]>,
): ReadonlyMap<K, V> {
  const map = new Map(entries);
  for (const method of ["set", "delete", "clear"]) {
    Object.defineProperty(map, method, { value: rejectMutation });
  }
  return Object.freeze(map);
}

/** What the mutators of the generated tables do. */
function rejectMutation(): never {
  throw new TypeError("the generated permission tables are read-only");
}

/** A value as shown in an error message, without calling any of its methods. */
function describeValue(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : typeof value;
}

// permgen:end runtime
