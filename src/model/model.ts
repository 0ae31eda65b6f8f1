/**
 * The validated, read-only model every emitter receives.
 *
 * Built by `buildModel` (src/model/build-model.ts) from the raw declarations the schema reader
 * returns, plus the lock file's ids. Emitters never mutate it: every object is frozen and typed
 * `readonly` all the way down.
 */

/** A place in the schema file, 1-based line and column (what editors and compilers print). */
export interface SourcePosition {
  /** The schema file's path, as given to the reader (absolute). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Documentation carried from the schema's JSDoc to every target. */
export interface Doc {
  /** The JSDoc text without tags, trimmed, lines joined with "\n"; undefined when absent. */
  readonly description: string | undefined;
  /**
   * Set when the member carries `@deprecated`: the tag's text (possibly ""), so targets can
   * show the reason. undefined when not deprecated.
   */
  readonly deprecated: string | undefined;
  /**
   * Set when the JSDoc carries `@renamedFrom <old>`: the old value, key without namespace, role
   * name or namespace this declaration had (CONTRACT §8). The model builder checks it against
   * the lock and moves ids and role links; while it stays, targets emit the old name as a
   * deprecated alias. Absent (not undefined) on every other doc.
   */
  readonly renamedFrom?: string | undefined;
  /**
   * Set when the JSDoc carries `@unenforced <reason>`: the reason (possibly ""). `permgen audit`
   * then never reports the permission as unenforced, and shows the reason with `--verbose`.
   * Absent (not undefined) on every other doc.
   */
  readonly unenforced?: string | undefined;
}

/** A member of the schema's `Resource` enum, or of a module file's. */
export interface Resource {
  readonly kind: "resource";
  /**
   * The member name: as written in the root schema (`EngagementMember`); for a module resource
   * the module name in PascalCase + the member name as written (`Patients` + `Patient` =
   * `PatientsPatient`), so every language's global `Resource` enum is free of collisions.
   */
  readonly name: string;
  /**
   * The string value (`engagement.member`); for a module resource qualified by the module name
   * (`patients.patient`), which is what keys, grants and every target's values are built from.
   */
  readonly value: string;
  /** The module declaring it (config `modules`); undefined for a root-schema resource. */
  readonly module: string | undefined;
  /**
   * Name and value as written in the file that declares it (`Patient`, `patient`): what a
   * target grouping by module names its members after. Equal to `{ name, value }` outside
   * modules.
   */
  readonly declared: { readonly name: string; readonly value: string };
  readonly doc: Doc;
  readonly position: SourcePosition;
}

/**
 * A member of the schema's `Action` enum. Actions are one vocabulary across module files,
 * merged by value (`read` in two modules is one action), so an action has no module.
 */
export interface Action {
  readonly kind: "action";
  /** The enum member name as written in the schema (`Acknowledge`). */
  readonly name: string;
  /** The string value (`acknowledge`). */
  readonly value: string;
  readonly doc: Doc;
  readonly position: SourcePosition;
}

/** One declared (resource, action) pair. */
export interface Permission {
  readonly kind: "permission";
  /**
   * The full key, with the namespace prefix when one is set (`soc.alert.read`); a module
   * permission's carries its module (`soc.patients.patient.read`).
   */
  readonly key: string;
  /**
   * The key without namespace (`alert.read`, `patients.patient.read`): what root-schema role
   * grants and Go/Rust names use.
   */
  readonly localKey: string;
  /** Its resource's module; undefined outside modules. */
  readonly module: string | undefined;
  readonly resource: Resource;
  readonly action: Action;
  /** Stable id from permgen.lock.json: bit position and database id. Never reused. */
  readonly id: number;
  /**
   * Documentation of the pair: a JSDoc comment written before the action in the `permissions`
   * list, if any. `deprecated` is also set when the resource or the action is deprecated.
   */
  readonly doc: Doc;
  readonly position: SourcePosition;
  /**
   * The key this permission had before a `@renamedFrom` (on the pair, its resource, its action
   * or the namespace) that is still in the schema: targets accept it as a deprecated alias.
   * Absent when nothing renamed this pair or the lock never knew the former key.
   */
  readonly renamedFrom?: { readonly key: string; readonly localKey: string } | undefined;
}

/**
 * One grant of a role: `*`, `<resource>.*`, an exact key without namespace, or (with modules)
 * `<module>.*`, every permission of one module. A module file's relative grants are stored
 * qualified (`"*"` there is `"patients.*"` here, `"patient.read"` is `"patients.patient.read"`);
 * `position` is where the grant is written, in whichever file wrote it.
 */
export type Grant =
  | { readonly kind: "all"; readonly text: string; readonly position: SourcePosition }
  | {
      readonly kind: "module";
      readonly text: string;
      readonly module: string;
      readonly position: SourcePosition;
    }
  | {
      readonly kind: "resource";
      readonly text: string;
      readonly resource: Resource;
      readonly position: SourcePosition;
    }
  | {
      readonly kind: "exact";
      readonly text: string;
      readonly permission: Permission;
      readonly position: SourcePosition;
    };

/**
 * A role from the schema's optional `roles` object, wildcards expanded. Roles are global: a
 * role named in several files (root schema, modules) is one role holding the union.
 */
export interface Role {
  readonly kind: "role";
  /** The role name as written (`rt_lead`). */
  readonly name: string;
  readonly doc: Doc;
  readonly grants: readonly Grant[];
  /** Every permission the role holds, in the schema's permission order, no duplicates. */
  readonly permissions: readonly Permission[];
  readonly position: SourcePosition;
}

/** One schema file the model was read from. */
export interface ModelSource {
  /**
   * Relative to the repository root (the config's folder outside git), `/`-separated: what
   * generated headers name, so same-named schemas of two configs never share a header.
   */
  readonly path: string;
  /** The module the file declares; undefined for the root schema. */
  readonly module: string | undefined;
}

/** One entry of the config's `modules`, in config order. */
export interface ModelModule {
  /** The module name from the config (`patients`): the first part of its keys. */
  readonly name: string;
  /** Its schema file, relative to the repository root like `ModelSource.path`. */
  readonly path: string;
  /** The config's `renamedFrom`: the module's former name, whose keys move to this one. */
  readonly renamedFrom: string | undefined;
}

/** Rules the roles must keep, from the schema's optional `constraints` (CONTRACT §9). */
export interface ModelConstraints {
  /**
   * Separation of duties, in schema order: `entries` as written in the schema (keys without
   * namespace, or `resource.*`), which is what identifies a set (`diff` compares them: what a
   * `resource.*` covers grows with the vocabulary, the set does not change), `keys` every
   * permission key (with namespace) its entries cover.
   */
  readonly exclusive: readonly { readonly entries: readonly string[]; readonly keys: readonly string[] }[];
  /**
   * Permissions only the listed roles may hold, in schema order: `pattern` as written in the
   * schema (a key without namespace, or `resource.*`), `keys` the permission keys it covers.
   */
  readonly restricted: readonly {
    readonly pattern: string;
    readonly keys: readonly string[];
    readonly roles: readonly string[];
  }[];
}

/** The whole validated vocabulary. */
export interface Model {
  /**
   * The schema files read: the root schema (if any) first, then every module file in config
   * order; never empty.
   */
  readonly sources: readonly [ModelSource, ...ModelSource[]];
  /** The config's modules in config order; empty for a config without `modules`. */
  readonly modules: readonly ModelModule[];
  /**
   * What every generated header names (`Code generated by permgen from <header>.`), relative
   * to the repository root: the schema file of a config without modules; with modules the
   * config file, which is what composes the vocabulary (a module file may be shared by configs).
   */
  readonly header: string;
  /** The namespace prefix without trailing dot, or undefined. */
  readonly namespace: string | undefined;
  readonly resources: readonly Resource[];
  readonly actions: readonly Action[];
  /** In schema order: resources in `permissions` order, actions in list order. */
  readonly permissions: readonly Permission[];
  readonly roles: readonly Role[];
  /** Doc comment of the `Resource` enum, `Action` enum, `permissions` and `roles` declarations. */
  readonly docs: {
    readonly resource: Doc;
    readonly action: Doc;
    readonly permissions: Doc;
    readonly roles: Doc;
  };
  /** sha256 hex of the canonical vocabulary (see src/model/digest.ts). Same in every target. */
  readonly digest: string;
  /** The schema's `constraints`; both lists empty when it declares none. */
  readonly constraints: ModelConstraints;
}
