/**
 * Module files + root schema → one raw schema with qualified declarations (issue 12).
 *
 * Part of the model loader: each module file is read like a schema, then every declaration in
 * it is qualified by its module name here — resource values `patient` → `patients.patient`,
 * member names `Patient` → `PatientsPatient`, relative grants `"*"`, `"patient.*"`,
 * `"patient.read"` → `"patients.*"`, `"patients.patient.*"`, `"patients.patient.read"`,
 * constraint entries alike — so the model builder checks and builds one vocabulary with every
 * rule it already has, and every diagnostic keeps the position in the file it comes from.
 * Actions are one vocabulary merged by value; roles are global, merged by name across files.
 */
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Doc, SourcePosition } from "./model.js";
import type {
  RawConstraints,
  RawEnum,
  RawEnumMember,
  RawPermissionEntry,
  RawRef,
  RawRole,
  RawRoles,
  RawSchema,
} from "../schema/raw-schema.js";
import { pushDiagnostic } from "./build-vocabulary.js";
import { EMPTY_DOC } from "../schema/parse-jsdoc.js";

/** One schema file read: its raw declarations and the module it is (undefined: the root). */
export interface ReadSource {
  readonly raw: RawSchema;
  readonly module: string | undefined;
  /** Relative to the repository root: how messages name the file. */
  readonly path: string;
  /** A module's former name (config `renamedFrom`). */
  readonly renamedFrom?: string | undefined;
}

/**
 * The root schema with its qualified grants and constraint entries moved to renamed modules'
 * current names (`"lab_results.*"` → `"lab.*"` while `lab` says `renamedFrom: "lab_results"`):
 * renaming a module touches only the config, never the file of another team.
 */
function withCurrentModuleNames(
  root: ReadSource | undefined,
  renamed: ReadonlyMap<string, string>,
): ReadSource | undefined {
  if (root === undefined || renamed.size === 0) return root;
  const move = <T extends { readonly text: string }>(t: T): T => {
    const dot = t.text.indexOf(".");
    const current = dot < 0 ? undefined : renamed.get(t.text.slice(0, dot));
    return current === undefined ? t : { ...t, text: current + t.text.slice(dot) };
  };
  const { roles, constraints } = root.raw;
  return {
    ...root,
    raw: {
      ...root.raw,
      roles:
        roles === undefined
          ? undefined
          : { ...roles, roles: roles.roles.map((r) => ({ ...r, grants: r.grants.map(move) })) },
      constraints:
        constraints === undefined
          ? undefined
          : {
              ...constraints,
              exclusive: constraints.exclusive.map((set) => ({ ...set, entries: set.entries.map(move) })),
              restricted: constraints.restricted.map((r) => ({ ...r, pattern: move(r.pattern) })),
            },
    },
  };
}

/**
 * The module name in PascalCase (`patients` → `Patients`, `lab_results` → `LabResults`): the
 * prefix of its resources' member names, so the global `Resource` enum has no collisions.
 */
export function pascalModuleName(module: string): string {
  return module
    .split("_")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

/**
 * Merges the root schema (if any, first) and the module files (config order) into one raw
 * schema: qualified resources and pairs in module order, actions merged by value (PG0322 for one
 * value under two names, PG0323 for one name with two values, each naming both files), roles
 * merged by name across files (a name twice in one file stays a PG0302 for the builder), the
 * root's namespace. Qualified resource member names that collide across modules are PG0408 at
 * the later one, naming the other file.
 */
export function mergeModuleSchemas(
  sources: readonly ReadSource[],
  diagnostics: Diagnostic[],
): RawSchema {
  const modules = sources.filter((s) => s.module !== undefined);
  const root = withCurrentModuleNames(
    sources.find((s) => s.module === undefined),
    new Map(modules.flatMap((m) => (m.renamedFrom === undefined ? [] : [[m.renamedFrom, m.module as string]]))),
  );
  const pathOf = new Map(sources.map((s) => [s.raw.file, s.path]));
  const nameFile = (position: SourcePosition): string => pathOf.get(position.file) ?? position.file;

  const resourceMembers: RawEnumMember[] = [];
  const resourceNames = new Map<string, RawEnumMember>();
  const actionMembers: RawEnumMember[] = [];
  const actionsByName = new Map<string, RawEnumMember>();
  const actionsByValue = new Map<string, RawEnumMember>();
  const entries: RawPermissionEntry[] = [];
  for (const source of modules) {
    const module = source.module as string;
    const prefix = pascalModuleName(module);
    for (const member of source.raw.resource.members) {
      const name = prefix + member.name;
      const other = resourceNames.get(name);
      if (other !== undefined && other.position.file !== member.position.file) {
        pushDiagnostic(
          diagnostics,
          Codes.ModuleNameCollision,
          member.position,
          `Resource member ${member.name} of module "${module}" becomes ${name}, which ${nameFile(other.position)}:${other.position.line}:${other.position.column} (module "${other.module}") gives too; rename one of the members or modules`,
        );
        continue;
      }
      const qualified: RawEnumMember = {
        name,
        value:
          member.value.kind === "string"
            ? { ...member.value, value: `${module}.${member.value.value}` }
            : member.value,
        doc: qualifyRenamedFrom(member.doc, module),
        position: member.position,
        module,
        declared: {
          name: member.name,
          value: member.value.kind === "string" ? member.value.value : "",
        },
      };
      if (other === undefined) resourceNames.set(name, qualified);
      resourceMembers.push(qualified);
    }
    // A member already reported as another file's action under another name: this file's
    // references to it resolve to that action, so they raise no follow-on "unknown action".
    const actionAliases = new Map<string, string>();
    for (const member of source.raw.action.members) {
      const merged = mergeAction(member, { actionsByName, actionsByValue, nameFile, diagnostics });
      if (merged === true) actionMembers.push(member);
      else if (merged !== false) actionAliases.set(member.name, merged);
    }
    for (const entry of source.raw.permissions.entries) {
      entries.push({
        resource: qualifyRef(entry.resource, module, prefix),
        doc: entry.doc,
        actions: entry.actions.map((element) => ({
          action:
            element.action.kind === "member" && actionAliases.has(element.action.member)
              ? { ...element.action, member: actionAliases.get(element.action.member) as string }
              : element.action,
          doc: qualifyRenamedFrom(element.doc, module),
        })),
      });
    }
  }
  const first = root ?? modules[0];
  if (first === undefined) throw new Error("internal error: no schema source to merge");
  const position = { file: first.raw.file, line: 1, column: 1 };
  return {
    file: first.raw.file,
    resource: mergedEnum("Resource", resourceMembers, modules, position),
    action: mergedEnum("Action", actionMembers, modules, position),
    permissions: {
      entries,
      doc: EMPTY_DOC,
      position: modules[0]?.raw.permissions.position ?? position,
    },
    roles: mergeRoles(root, modules),
    namespace: root?.raw.namespace,
    constraints: mergeConstraints(root, modules),
  };
}

/**
 * Whether an action member of a module file joins the merged vocabulary (true): one already
 * declared identically in another file is the same action (false: not added twice); the same
 * name with another value in another file is PG0323 (false); the same value under another name
 * PG0322, returning the other file's member name, which this file's references then mean.
 * Duplicates within one file are left to the builder's own checks (PG0204, PG0205).
 */
function mergeAction(
  member: RawEnumMember,
  context: {
    readonly actionsByName: Map<string, RawEnumMember>;
    readonly actionsByValue: Map<string, RawEnumMember>;
    readonly nameFile: (position: SourcePosition) => string;
    readonly diagnostics: Diagnostic[];
  },
): boolean | string {
  const { actionsByName, actionsByValue, nameFile, diagnostics } = context;
  const value = member.value.kind === "string" ? member.value.value : undefined;
  const byName = actionsByName.get(member.name);
  const byValue = value === undefined ? undefined : actionsByValue.get(value);
  const at = (other: RawEnumMember): string =>
    `${nameFile(other.position)}:${other.position.line}:${other.position.column}`;
  const elsewhere = (other: RawEnumMember | undefined): other is RawEnumMember =>
    other !== undefined && other.position.file !== member.position.file;
  if (elsewhere(byName)) {
    const otherValue = byName.value.kind === "string" ? byName.value.value : undefined;
    if (otherValue === value) return false;
    pushDiagnostic(
      diagnostics,
      Codes.ActionNameConflict,
      member.position,
      `Action.${member.name} is ${JSON.stringify(value ?? "")} here but ${JSON.stringify(otherValue ?? "")} in ${at(byName)}; actions are one vocabulary across modules, so a member name has one value`,
    );
    return false;
  }
  if (elsewhere(byValue) && value !== undefined) {
    pushDiagnostic(
      diagnostics,
      Codes.ActionValueConflict,
      member.position,
      `action "${value}" is Action.${member.name} here but Action.${byValue.name} in ${at(byValue)}; actions are one vocabulary across modules, so name it ${byValue.name} here too`,
    );
    return byValue.name;
  }
  if (!actionsByName.has(member.name)) actionsByName.set(member.name, member);
  if (value !== undefined && !actionsByValue.has(value)) actionsByValue.set(value, member);
  return true;
}

/**
 * A merged enum: its JSDoc is no module's (one team's comment on its own enum would describe
 * the whole vocabulary's), so the global enum has none.
 */
function mergedEnum(
  name: "Resource" | "Action",
  members: readonly RawEnumMember[],
  modules: readonly ReadSource[],
  position: SourcePosition,
): RawEnum {
  const firstEnum = modules[0]?.raw[name === "Resource" ? "resource" : "action"];
  return { name, members, doc: EMPTY_DOC, position: firstEnum?.position ?? position };
}

/** A `permissions` key of a module file, pointed at the qualified resource. */
function qualifyRef(ref: RawRef, module: string, prefix: string): RawRef {
  if (ref.kind === "member") return { ...ref, member: prefix + ref.member };
  if (ref.kind === "string") return { ...ref, value: `${module}.${ref.value}` };
  return ref;
}

/**
 * A `@renamedFrom` in a module file names the old value or key relative to the module, like
 * everything else there; qualified here so the rename machinery compares qualified keys.
 */
function qualifyRenamedFrom(doc: Doc, module: string): Doc {
  if (doc.renamedFrom === undefined || doc.renamedFrom === "") return doc;
  return { ...doc, renamedFrom: `${module}.${doc.renamedFrom}` };
}

/** A relative grant of a module file in its qualified form (`"*"` is the whole module). */
function qualifyGrant(text: string, module: string): string {
  return text === "*" ? `${module}.*` : `${module}.${text}`;
}

/**
 * The roles of every file, merged by name: the root's first, then each module's in config
 * order; a role named in an earlier file gets this file's grants appended, each keeping its own
 * position, so a wrong grant is reported in the file that wrote it. A name twice in one file
 * stays two roles, which the builder reports (PG0302).
 */
function mergeRoles(
  root: ReadSource | undefined,
  modules: readonly ReadSource[],
): RawRoles | undefined {
  const merged: RawRole[] = [];
  const byName = new Map<string, { index: number; file: string }>();
  // The root's `roles` doc describes the global roles; a module's describes only its own.
  let declaration: RawRoles | undefined = root?.raw.roles;
  const files = [...(root === undefined ? [] : [root]), ...modules];
  for (const source of files) {
    const roles = source.raw.roles;
    if (roles === undefined) continue;
    declaration ??= roles;
    for (const role of roles.roles) {
      const grants =
        source.module === undefined
          ? role.grants
          : role.grants.map((g) => ({ ...g, text: qualifyGrant(g.text, source.module as string) }));
      const earlier = byName.get(role.name);
      const existing = earlier === undefined ? undefined : merged[earlier.index];
      if (earlier !== undefined && existing !== undefined && earlier.file !== source.raw.file) {
        merged[earlier.index] = {
          ...existing,
          doc: existing.doc.description === undefined ? { ...role.doc, ...definedOf(existing.doc) } : existing.doc,
          grants: [...existing.grants, ...grants],
        };
        continue;
      }
      if (earlier === undefined) byName.set(role.name, { index: merged.length, file: source.raw.file });
      merged.push({ ...role, grants });
    }
  }
  if (declaration === undefined) return undefined;
  const doc = declaration === root?.raw.roles ? declaration.doc : EMPTY_DOC;
  return { roles: merged, doc, position: declaration.position };
}

/** The fields of a doc that are set, so a later file's doc fills only what the first left out. */
function definedOf(doc: Doc): Partial<Doc> {
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined));
}

/**
 * The constraints of every file in one list: a module's entries and patterns qualified by its
 * name (a `"*"` is left as written, for the builder to reject as everywhere), role names as
 * written (roles are global).
 */
function mergeConstraints(
  root: ReadSource | undefined,
  modules: readonly ReadSource[],
): RawConstraints | undefined {
  const files = [...(root === undefined ? [] : [root]), ...modules];
  let first: RawConstraints | undefined;
  const exclusive: RawConstraints["exclusive"][number][] = [];
  const restricted: RawConstraints["restricted"][number][] = [];
  for (const source of files) {
    const c = source.raw.constraints;
    if (c === undefined) continue;
    first ??= c;
    const module = source.module;
    const qualify = (t: { text: string; position: SourcePosition }) =>
      module === undefined || t.text === "*" ? t : { ...t, text: `${module}.${t.text}` };
    exclusive.push(...c.exclusive.map((set) => ({ ...set, entries: set.entries.map(qualify) })));
    restricted.push(...c.restricted.map((r) => ({ pattern: qualify(r.pattern), roles: r.roles })));
  }
  if (first === undefined) return undefined;
  return { exclusive, restricted, position: first.position };
}
