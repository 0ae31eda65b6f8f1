/**
 * `@renamedFrom` tags → the renames a generate makes (CONTRACT §8).
 *
 * Part of the model builder (build-model.ts). A tag may sit on a Resource member (its old
 * value), an Action member (its old value), a pair in `permissions` (its old key without
 * namespace), a role (its old name) and `namespace` (the old namespace). Each pair's former key
 * is the old namespace + (the pair's own tag, or the old resource and action values); when the
 * lock knows that key, its id moves to the pair's key and the pair keeps the former key as a
 * deprecated alias while the tags stay. A tag that names nothing the lock ever knew is PG0212
 * (a typo would otherwise silently give the member a fresh id); one that names something still
 * declared, that two members claim, or whose new key already has an id of its own (a merge of
 * two permissions, which would let the code accept the former key as the other one) is PG0213.
 */
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Lock } from "../lock/lock.js";
import type { RawNamespace } from "../schema/raw-schema.js";
import type { Doc, SourcePosition } from "./model.js";
import { pushDiagnostic } from "./build-vocabulary.js";
import type { Vocabulary } from "./build-vocabulary.js";

/** A former key a pair keeps as a deprecated alias. */
export interface PairAlias {
  /** With the (former) namespace: `soc.alert.escalate`. */
  readonly key: string;
  /** Without namespace: `alert.escalate`. */
  readonly localKey: string;
}

/** What the renames of one run are. */
export interface Renames {
  /** New key → the key whose id it takes (resolved through the lock's record). */
  readonly keys: ReadonlyMap<string, string>;
  /** Per pair of `vocabulary.pairs` (same index): its alias, or undefined. */
  readonly aliases: readonly (PairAlias | undefined)[];
  /** New role name → the role name whose record it takes (resolved). */
  readonly roles: ReadonlyMap<string, string>;
}

/** A config `renamedFrom` of a module: every key of `from` moves to `name`. */
export interface ModuleRename {
  readonly name: string;
  readonly from: string;
  /** Where the config writes it (the config file), for PG0124. */
  readonly position: SourcePosition;
}

/** A role as the resolver needs it. */
interface TaggedRole {
  readonly name: string;
  readonly doc: Doc;
  readonly position: SourcePosition;
}

/**
 * Checks every `@renamedFrom` against the lock and the schema, pushes PG0212/PG0213 for the
 * bad ones and returns the renames of the good ones.
 */
export function resolveRenames(input: {
  readonly vocabulary: Vocabulary;
  readonly namespace: RawNamespace | undefined;
  readonly roles: readonly TaggedRole[];
  readonly lock: Lock;
  readonly diagnostics: Diagnostic[];
  /** The config's module renames (issue 12); none outside modules. */
  readonly moduleRenames?: readonly ModuleRename[] | undefined;
}): Renames {
  const { vocabulary, lock, diagnostics } = input;
  const known = new Set([
    ...lock.active.keys(),
    ...lock.retired.keys(),
    ...(lock.renamed?.keys() ?? []),
  ]);
  const resolveKey = (key: string): string => lock.renamed?.get(key) ?? key;
  const unknown = (position: SourcePosition, message: string): void =>
    pushDiagnostic(diagnostics, Codes.RenameUnknown, position, message);
  const conflict = (position: SourcePosition, message: string): void =>
    pushDiagnostic(diagnostics, Codes.RenameConflict, position, message);

  const namespace = input.namespace?.value;
  const prefix = namespace === undefined ? "" : `${namespace}.`;
  let oldPrefix = prefix;
  const oldNamespace = input.namespace?.renamedFrom;
  if (input.namespace !== undefined && oldNamespace !== undefined && oldNamespace !== namespace) {
    if (oldNamespace === "" || ![...known].some((key) => key.startsWith(`${oldNamespace}.`))) {
      unknown(
        input.namespace.position,
        `@renamedFrom ${describeTag(oldNamespace)}: the lock has no key in namespace "${oldNamespace}", so there is nothing to rename; remove the tag`,
      );
    } else {
      oldPrefix = `${oldNamespace}.`;
    }
  }
  // A module renamed in the config: its keys were `<from>.…`; the tags in its file are already
  // qualified with its new name, so the former form swaps the first part back.
  const formerModules = new Map<string, string>();
  for (const rename of input.moduleRenames ?? []) {
    const under = [oldPrefix, prefix].map((p) => `${p}${rename.from}.`);
    if (![...known].some((key) => under.some((p) => key.startsWith(p)))) {
      pushDiagnostic(
        diagnostics,
        Codes.ModuleRenameUnknown,
        rename.position,
        `modules.${rename.name}.renamedFrom: the lock has no key of module "${rename.from}", so there is nothing to rename; check the old name, or remove "renamedFrom"`,
      );
    } else {
      formerModules.set(rename.name, rename.from);
    }
  }
  const underFormerModule = (qualified: string): string | undefined => {
    const dot = qualified.indexOf(".");
    const from = dot < 0 ? undefined : formerModules.get(qualified.slice(0, dot));
    return from === undefined ? undefined : from + qualified.slice(dot);
  };
  // The local parts (without namespace) of every key the lock knows, under either prefix.
  const knownLocal = [...known].flatMap((key) =>
    [oldPrefix, prefix].filter((p) => key.startsWith(p)).map((p) => key.slice(p.length)),
  );
  const split = (local: string): readonly [string, string] => {
    const dot = local.lastIndexOf(".");
    return [local.slice(0, dot), local.slice(dot + 1)];
  };

  for (const [noun, table, part] of [
    ["resource", vocabulary.resources, 0],
    ["action", vocabulary.actions, 1],
  ] as const) {
    for (const member of table.members) {
      const old = member.doc.renamedFrom;
      if (old === undefined || old === member.value) continue;
      const olds = [old, underFormerModule(old)].filter((o): o is string => o !== undefined);
      if (old === "" || !knownLocal.some((local) => olds.includes(split(local)[part]))) {
        unknown(
          member.position,
          `@renamedFrom ${describeTag(old)}: the lock has no key with ${noun} "${old}", so there is nothing to rename; check the old value, or remove the tag`,
        );
      } else if (table.byValue.has(old)) {
        conflict(
          member.position,
          `@renamedFrom "${old}": ${noun} "${old}" is still declared (${table.byValue.get(old)?.name}); ${noun === "action" ? "an" : "a"} ${noun} is renamed by changing its value`,
        );
      }
    }
  }

  // Every declared key, built on the first rename that needs it.
  let declaredKeys: ReadonlySet<string> | undefined;
  const currentKeys = {
    has: (key: string): boolean =>
      (declaredKeys ??= new Set(vocabulary.pairs.map((pair) => prefix + pair.localKey))).has(key),
  };
  const keys = new Map<string, string>();
  const claimed = new Map<string, string>();
  // A pair with no tag of its own or of its resource and action, outside a renamed namespace
  // or module, can only find its own key in the lock: no rename (checked without building the
  // candidates, which at 100,000 pairs were most of this function's time).
  const untagged = oldPrefix === prefix && formerModules.size === 0;
  const aliases = vocabulary.pairs.map((pair): PairAlias | undefined => {
    const tag = pair.doc.renamedFrom;
    if (
      untagged &&
      tag === undefined &&
      pair.resource.doc.renamedFrom === undefined &&
      pair.action.doc.renamedFrom === undefined
    ) {
      return undefined;
    }
    const key = prefix + pair.localKey;
    const oldResource = pair.resource.doc.renamedFrom ?? pair.resource.value;
    const oldAction = pair.action.doc.renamedFrom ?? pair.action.value;
    const localKey = tag ?? `${oldResource}.${oldAction}`;
    // A pair's own tag may name the key under the current namespace too; a pair of a renamed
    // module had its key under the module's former name first.
    const moved = underFormerModule(localKey);
    const candidates = moved === undefined ? [localKey] : [moved, localKey];
    const former = candidates
      .flatMap((local) => [oldPrefix + local, prefix + local])
      .find((k) => known.has(k));
    if (former === undefined) {
      if (tag !== undefined) {
        unknown(
          pair.position,
          `@renamedFrom ${describeTag(tag)}: the lock never knew "${oldPrefix}${tag}", so there is nothing to rename; write the old key without namespace, or remove the tag`,
        );
      }
      return undefined;
    }
    if (former === key) return undefined;
    const source = resolveKey(former);
    if (currentKeys.has(former) || (source !== key && currentKeys.has(source))) {
      const still = currentKeys.has(former) ? former : source;
      conflict(
        pair.position,
        `"${key}" is renamed from "${former}", but "${still}" is still declared; remove one of them, or the tag`,
      );
      return undefined;
    }
    // The key has an id of its own: taking the former key's as well would merge two
    // permissions into one, and the code targets would accept the former key as this one.
    const own = source === key ? undefined : lock.active.get(key);
    if (own !== undefined) {
      conflict(
        pair.position,
        `"${key}" is renamed from "${former}", but "${key}" already has id ${own} in the lock: a rename gives an id to a new key and cannot merge two permissions; remove the tag (the lock then retires "${former}")`,
      );
      return undefined;
    }
    const other = claimed.get(source);
    if (other !== undefined) {
      conflict(
        pair.position,
        `"${key}" and "${other}" are both renamed from "${former}"; only one key can take its id`,
      );
      return undefined;
    }
    claimed.set(source, key);
    if (source !== key) keys.set(key, source);
    const formerPrefix = candidates.some((local) => former === oldPrefix + local) ? oldPrefix : prefix;
    return { key: former, localKey: former.slice(formerPrefix.length) };
  });

  const roleNames = new Set(input.roles.map((role) => role.name));
  const roles = new Map<string, string>();
  const claimedRoles = new Map<string, string>();
  for (const role of input.roles) {
    const old = role.doc.renamedFrom;
    if (old === undefined || old === role.name) continue;
    const source = lock.renamedRoles?.get(old) ?? old;
    if (old === "" || (lock.roles?.has(old) !== true && lock.renamedRoles?.has(old) !== true)) {
      unknown(
        role.position,
        `@renamedFrom ${describeTag(old)}: the lock never recorded a role "${old}", so there is nothing to rename; check the old name, or remove the tag`,
      );
    } else if (roleNames.has(old) || (source !== role.name && roleNames.has(source))) {
      conflict(
        role.position,
        `role "${role.name}" is renamed from "${old}", but "${roleNames.has(old) ? old : source}" is still declared; remove one of them, or the tag`,
      );
    } else if (claimedRoles.has(source)) {
      conflict(
        role.position,
        `roles "${role.name}" and "${claimedRoles.get(source)}" are both renamed from "${old}"; only one role can take its place`,
      );
    } else {
      claimedRoles.set(source, role.name);
      if (source !== role.name) roles.set(role.name, source);
    }
  }
  return { keys, aliases, roles };
}

function describeTag(old: string): string {
  return old === "" ? "names nothing" : JSON.stringify(old);
}
