/**
 * The shape of a target's name table: every identifier the target gives the model's
 * declarations, built once by that target's `names.ts` and read by its emitter, its
 * `checkNames` and any later consumer that maps generated code back to permissions (audit).
 *
 * Tables are keyed by the model's own keys — a resource's or action's value, a permission's
 * full key (namespace included), a role's name — so a consumer never re-derives a name. A
 * lookup of a key the model does not have is a bug in permgen, not in the schema: it throws
 * `NameTableMiss` naming the key instead of letting an empty identifier reach the output.
 */
import type { Action, Model, Permission, Resource, Role } from "../model/model.js";

/** The kinds of declaration a target names; each is its own namespace in the generated code. */
export type DeclarationKind = "resource" | "action" | "permission" | "role";

/** A lookup of a key the table does not hold: an internal error (exit 3), never a diagnostic. */
export class NameTableMiss extends Error {
  override readonly name = "NameTableMiss";
  constructor(language: string, kind: DeclarationKind, key: string) {
    super(`the ${language} name table has no ${kind} ${JSON.stringify(key)}`);
  }
}

/** The identifiers of one kind, keyed by the model's key, in declaration order. */
export class NameLookup {
  readonly #language: string;
  readonly #kind: DeclarationKind;
  /** Every key and its identifier, in declaration order (what a reverse lookup iterates). */
  readonly entries: ReadonlyMap<string, string>;

  constructor(language: string, kind: DeclarationKind, entries: ReadonlyMap<string, string>) {
    this.#language = language;
    this.#kind = kind;
    this.entries = entries;
  }

  /** The identifier of `key`; throws `NameTableMiss` when the model has no such key. */
  get(key: string): string {
    const name = this.entries.get(key);
    if (name === undefined) throw new NameTableMiss(this.#language, this.#kind, key);
    return name;
  }
}

/** A target's table: one lookup per kind it names (TypeScript has no permission identifiers). */
export type NameTable<K extends DeclarationKind = DeclarationKind> = {
  readonly [P in K]: NameLookup;
};

/** How a target names each kind, from the model object (its key is taken from the model). */
interface AllNamingRules {
  readonly resource: (resource: Resource) => string;
  readonly action: (action: Action) => string;
  readonly permission: (permission: Permission) => string;
  readonly role: (role: Role) => string;
}

/** The naming rules of the kinds a target names. */
export type NamingRules<K extends DeclarationKind> = Pick<AllNamingRules, K>;

/**
 * The tables built so far, per model and per language and variant: a table is a pure function
 * of the (frozen) model and the target's naming rules, and the PG0401 check, the emitter and
 * the diff's notices each ask for it, which at 100,000 pairs cost one 100,000-entry map per
 * kind per ask. Weakly keyed: a model no one holds lets its tables go.
 */
const built = new WeakMap<Model, Map<string, NameTable>>();

/**
 * Builds a table from a target's naming rules: each kind the rules name, every declaration of
 * it under its model key, in declaration order. `language` is what a miss names. The table is
 * built once per model, `language` and `variant`: `variant` must name everything besides the
 * model that the rules read (Go's `constantNames`), so equal arguments mean equal rules.
 */
export function buildNameTable<K extends DeclarationKind>(
  language: string,
  model: Model,
  rules: NamingRules<K>,
  variant = "",
): NameTable<K> {
  let tables = built.get(model);
  if (tables === undefined) built.set(model, (tables = new Map()));
  const memoKey = `${language}\0${variant}`;
  const known = tables.get(memoKey);
  if (known !== undefined) return known as NameTable<K>;
  const all: Partial<AllNamingRules> = rules;
  const table: Partial<Record<DeclarationKind, NameLookup>> = {};
  const add = <T>(kind: DeclarationKind, items: readonly T[], key: (item: T) => string) => {
    const name = all[kind] as ((item: T) => string) | undefined;
    if (name === undefined) return;
    const entries = new Map<string, string>();
    for (const item of items) entries.set(key(item), name(item));
    table[kind] = new NameLookup(language, kind, entries);
  };
  add("resource", model.resources, (r) => r.value);
  add("action", model.actions, (a) => a.value);
  add("permission", model.permissions, (p) => p.key);
  add("role", model.roles, (r) => r.name);
  tables.set(memoKey, table as NameTable);
  return table as NameTable<K>;
}

/**
 * `table.permission.get(p.key)`, remembered by lock id: an emitter that names every permission
 * several times (Go's const block, `permissionOrder` and role table; Python's enum,
 * `PERMISSION_IDS` and `ROLE_PERMISSIONS`; the `*` role lists them all) looks each up once, and
 * a lookup in a 100,000-entry map is dearer than one in an array. Only a name the table gave is
 * remembered, so the first lookup of a key the table lacks still throws `NameTableMiss`.
 */
export function rememberPermissionNames(
  table: { readonly permission: NameLookup },
  maxId: number,
): (permission: Permission) => string {
  const seen = new Array<Permission | undefined>(maxId + 1).fill(undefined);
  const named = new Array<string>(maxId + 1).fill("");
  return (p) => {
    if (seen[p.id] === p) return named[p.id] ?? table.permission.get(p.key);
    const name = table.permission.get(p.key);
    if (Number.isInteger(p.id) && p.id >= 0 && p.id <= maxId) {
      seen[p.id] = p;
      named[p.id] = name;
    }
    return name;
  };
}
