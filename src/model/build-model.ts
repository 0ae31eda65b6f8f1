/**
 * The model builder: raw declarations + lock → the validated, deeply frozen Model.
 *
 * Pure: no I/O. Every rule of CONTRACT §2 is checked and every problem is reported in one run;
 * the model exists only when there is none. Ids come from the lock (append-only, see
 * src/lock/assign-ids.ts); the updated lock is returned for the output stage to write.
 */
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { assignIds } from "../lock/assign-ids.js";
import { MAX_PERMISSION_IDS } from "../lock/id-bound.js";
import { recordRoles } from "../lock/role-record.js";
import type { Lock } from "../lock/lock.js";
import type { RawSchema } from "../schema/raw-schema.js";
import { EMPTY_DOC } from "../schema/parse-jsdoc.js";
import { buildVocabulary, pushDiagnostic } from "./build-vocabulary.js";
import { computeDigest } from "./digest.js";
import { freezeDeep } from "./freeze-deep.js";
import type { Model, ModelModule, ModelSource, Permission } from "./model.js";
import { RESOURCE_VALUE } from "./naming-rules.js";
import { resolveRenames } from "./resolve-renames.js";
import type { ModuleRename } from "./resolve-renames.js";
import { expandRoles, resolveRoles } from "./resolve-roles.js";
import { findConstraintViolations, reportConstraintViolations } from "./check-constraints.js";
import { resolveConstraints } from "./resolve-constraints.js";

/** What `buildModel` returns. `lock` is the input lock unchanged when the model is invalid. */
export interface BuildModelResult {
  readonly model: Model | undefined;
  readonly lock: Lock;
  readonly diagnostics: Diagnostic[];
}

/**
 * Validates the raw schema and builds the read-only model: resources and actions in enum order,
 * permissions in `permissions` order (keys prefixed by the namespace), roles with wildcards
 * expanded, ids from `input.lock` (new keys get fresh ids, removed keys are retired), the
 * schema digest and the constraints, which every expanded role must keep (PG0315, PG0316). Returns every diagnostic found; `model` is undefined when there is any.
 */
export function buildModel(
  raw: RawSchema,
  input: {
    readonly sources: readonly [ModelSource, ...ModelSource[]];
    readonly lock: Lock;
    /** The config's modules (issue 12); `raw` is then the merge of their files. Default none. */
    readonly modules?: readonly ModelModule[] | undefined;
    /** Config `renamedFrom`s of modules, positioned in the config. Default none. */
    readonly moduleRenames?: readonly ModuleRename[] | undefined;
    /** What generated headers name; default the first source's path. */
    readonly header?: string | undefined;
    /** Absolute file → repository-relative path, for messages naming another file. */
    readonly fileNames?: ReadonlyMap<string, string> | undefined;
    /** Diagnostics found while merging module files, reported with the builder's. */
    readonly diagnostics?: readonly Diagnostic[] | undefined;
  },
): BuildModelResult {
  const diagnostics: Diagnostic[] = [...(input.diagnostics ?? [])];
  const modules = input.modules ?? [];
  const built = buildVocabulary(raw, diagnostics);
  const vocabulary =
    modules.length === 0 ? built : { ...built, modules: new Set(modules.map((m) => m.name)) };

  const namespace = raw.namespace?.value;
  if (raw.namespace !== undefined && !RESOURCE_VALUE.test(raw.namespace.value)) {
    pushDiagnostic(
      diagnostics,
      Codes.InvalidNamespace,
      raw.namespace.position,
      `invalid namespace "${raw.namespace.value}": use lowercase words separated by dots, such as "soc" or "acme.soc"`,
    );
  }

  const pendingRoles = resolveRoles(raw.roles, vocabulary, namespace, diagnostics);
  const resolvedConstraints = resolveConstraints({
    raw: raw.constraints,
    vocabulary,
    namespace,
    roles: pendingRoles,
    diagnostics,
  });
  if (diagnostics.length > 0) return { model: undefined, lock: input.lock, diagnostics };
  const renames = resolveRenames({
    vocabulary,
    namespace: raw.namespace,
    roles: pendingRoles,
    lock: input.lock,
    diagnostics,
    moduleRenames: input.moduleRenames,
  });
  if (diagnostics.length > 0) return { model: undefined, lock: input.lock, diagnostics };

  const prefix = namespace === undefined ? "" : `${namespace}.`;
  const keys = vocabulary.pairs.map((pair) => prefix + pair.localKey);
  const lock = assignIds(input.lock, keys, renames.keys);
  // The lock read was valid (every id below the bound), but new keys may need ids past it.
  const overflow = keys.findIndex((key) => (lock.active.get(key) ?? 0) >= MAX_PERMISSION_IDS);
  const overflowPair = vocabulary.pairs[overflow];
  if (overflowPair !== undefined) {
    pushDiagnostic(
      diagnostics,
      Codes.LockIdTooLarge,
      overflowPair.position,
      `"${keys[overflow]}" would get id ${lock.active.get(keys[overflow] ?? "")}, past permgen's bound: ids are 0 to ${MAX_PERMISSION_IDS - 1}`,
    );
    return { model: undefined, lock: input.lock, diagnostics };
  }
  const permissions: Permission[] = vocabulary.pairs.map((pair, index) => {
    const key = keys[index] ?? prefix + pair.localKey;
    const id = lock.active.get(key);
    if (id === undefined) throw new Error(`internal error: no id assigned to "${key}"`);
    const alias = renames.aliases[index];
    return {
      ...(alias === undefined ? {} : { renamedFrom: { key: alias.key, localKey: alias.localKey } }),
      kind: "permission",
      key,
      localKey: pair.localKey,
      module: pair.resource.module,
      resource: pair.resource,
      action: pair.action,
      id,
      doc: pair.doc,
      position: pair.position,
    };
  });
  const roles = expandRoles(pendingRoles, permissions);
  // After expansion, so a permission a wildcard brings in counts: nothing is silently granted.
  const { constraints } = resolvedConstraints;
  reportConstraintViolations({
    ...resolvedConstraints,
    violations: findConstraintViolations(roles, {
      exclusive: resolvedConstraints.exclusiveEntries,
      restricted: constraints.restricted,
    }),
    nameFile: (file) => input.fileNames?.get(file) ?? input.sources[0].path,
    diagnostics,
  });
  if (diagnostics.length > 0) return { model: undefined, lock: input.lock, diagnostics };
  const vocabularyPart = {
    modules: modules.map((m) => ({ name: m.name, path: m.path, renamedFrom: m.renamedFrom })),
    namespace,
    resources: vocabulary.resources.members,
    actions: vocabulary.actions.members,
    permissions,
    roles,
  };
  const model: Model = {
    // Copied, not shared: freezing the model must not freeze the caller's objects.
    sources: copySources(input.sources),
    ...vocabularyPart,
    header: input.header ?? input.sources[0].path,
    docs: {
      resource: raw.resource.doc,
      action: raw.action.doc,
      permissions: raw.permissions.doc,
      roles: raw.roles?.doc ?? EMPTY_DOC,
    },
    // Not in the digest: constraints change no generated output, only whether there is one.
    digest: computeDigest(vocabularyPart),
    constraints,
  };
  const recorded = recordRoles(
    lock,
    roles.map((role) => ({ name: role.name, keys: role.permissions.map((p) => p.key) })),
    renames.roles,
  );
  return { model: freezeDeep(model), lock: recorded, diagnostics };
}

function copySources(
  sources: readonly [ModelSource, ...ModelSource[]],
): [ModelSource, ...ModelSource[]] {
  const [first, ...rest] = sources;
  const copy = (s: ModelSource): ModelSource => ({ path: s.path, module: s.module });
  return [copy(first), ...rest.map(copy)];
}
