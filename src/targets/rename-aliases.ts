/**
 * The deprecated aliases a `@renamedFrom` leaves in every code target while the tag stays in the
 * schema (CONTRACT §8): the old resource and action values, the old role names and the old
 * permission keys, each next to what it names now. Derived from the model alone, so every
 * target lists the same aliases; each target names them with its own name rules.
 */
import type { Action, Doc, Model, Permission, Resource, Role } from "../model/model.js";

/** One alias: the old name and the declaration that carries it now. */
export interface RenameAlias<T> {
  readonly old: string;
  readonly current: T;
}

/** Every alias of a model, in schema order. */
export interface RenameAliases {
  readonly resources: readonly RenameAlias<Resource>[];
  readonly actions: readonly RenameAlias<Action>[];
  readonly roles: readonly RenameAlias<Role>[];
  /** `old` is the full old key (namespace included); `oldLocal` the key without it. */
  readonly permissions: readonly (RenameAlias<Permission> & { readonly oldLocal: string })[];
}

/**
 * Collects the aliases: a member or role whose doc has a `renamedFrom` different from its
 * current name, and a permission with a `renamedFrom` key (the model builder checked both
 * against the lock).
 */
export function collectRenameAliases(model: Model): RenameAliases {
  const tagged = <T extends Resource | Action | Role>(
    items: readonly T[],
    nameOf: (item: T) => string,
  ): RenameAlias<T>[] =>
    items.flatMap((item) => {
      const old = item.doc.renamedFrom;
      if (old === undefined || old === "" || old === nameOf(item)) return [];
      return [{ old, current: item }];
    });
  return {
    resources: tagged(model.resources, (r) => r.value),
    actions: tagged(model.actions, (a) => a.value),
    roles: tagged(model.roles, (r) => r.name),
    permissions: model.permissions.flatMap((p) =>
      p.renamedFrom === undefined
        ? []
        : [{ old: p.renamedFrom.key, oldLocal: p.renamedFrom.localKey, current: p }],
    ),
  };
}

/**
 * Replaces `from`, which must occur exactly once in a runtime template's section, with `to`.
 * How an emitter adds the alias lookup to a guard only when there are aliases, so the output
 * of every schema without one stays byte for byte as it was; a template that no longer holds
 * the line is a bug in permgen, caught by the rename tests, and throws.
 */
export function replaceTemplateLine(section: string, from: string, to: string): string {
  const at = section.indexOf(from);
  if (at < 0 || section.indexOf(from, at + 1) >= 0) {
    const what = JSON.stringify(from);
    throw new Error(`internal error: the runtime template no longer holds ${what} once`);
  }
  return section.slice(0, at) + to + section.slice(at + from.length);
}

/** A member of a generated enum: its identifier, its string value, its documentation. */
export interface AliasableMember {
  readonly name: string;
  readonly value: string;
  readonly doc: Doc;
}

/**
 * `members` followed by one alias per rename still in the schema: `nameOf(old)` holding the
 * current value. An alias whose name a member (or an earlier alias) already has is left out:
 * the member wins.
 */
export function appendRenameAliases(
  members: readonly AliasableMember[],
  aliases: readonly { readonly old: string; readonly value: string }[],
  nameOf: (old: string) => string,
): AliasableMember[] {
  if (aliases.length === 0) return [...members];
  const taken = new Set(members.map((m) => m.name));
  // The first member holding each value (what the alias points readers to), found once: a
  // renamed action renames a pair of every resource, thousands of aliases over as many members.
  const holder = new Map<string, string>();
  for (const m of members) if (!holder.has(m.value)) holder.set(m.value, m.name);
  const extra = aliases.flatMap((alias) => {
    const name = nameOf(alias.old);
    const current = holder.get(alias.value) ?? alias.value;
    if (taken.has(name)) return [];
    taken.add(name);
    const doc: Doc = {
      description: `Renamed from "${alias.old}": the old name, kept while the schema says @renamedFrom.`,
      deprecated: `use ${current}.`,
    };
    return [{ name, value: alias.value, doc }];
  });
  return [...members, ...extra];
}
