/**
 * The `diff` stage (CONTRACT §9): two models — the vocabulary at a git ref and in the working
 * tree — with the locks they were built with and their configs' targets → a `VocabularyDiff`.
 * Pure: no I/O, no git; the CLI reads both sides (src/cli/diff.ts) and prints the result.
 *
 * Permissions are matched by key, and across a rename by id: ids never move, so a key whose id
 * another key of the ref held is that key renamed — when the lock or a `@renamedFrom` records
 * it. Without such a record the id was reused (a hand-edited lock), which breaks every stored
 * bit and row. Roles are matched by name, and across `@renamedFrom` by the lock's record.
 */
import type { Lock } from "../lock/lock.js";
import type { Action, Model, Permission, Resource, Role } from "../model/model.js";
import type { BaseTargetOptions } from "../targets/target.js";
import type {
  AccessGain,
  BreakingChange,
  ConstraintChange,
  RoleAccessChange,
  VocabularyChange,
  VocabularyDiff,
} from "./diff-report.js";
import { quote } from "./diff-report.js";
import { buildTargetNotices, compareCodeTargetNames, compareSqlTargets } from "./target-notices.js";

/** One configured target of a side: its options and `out` as shown (from the repository root). */
export interface DiffTarget {
  readonly options: BaseTargetOptions;
  readonly outText: string;
}

/** One side of the comparison: the model, the lock it was built with, the config's targets. */
export interface DiffSide {
  readonly model: Model;
  /** The lock `buildModel` returned with the model: ids, retired ids, renames recorded. */
  readonly lock: Lock;
  readonly targets: readonly DiffTarget[];
}

export interface CompareOptions {
  /** Whether description changes are reported (`--verbose`). */
  readonly descriptions: boolean;
}

/** How the two sides' declarations correspond, for the rules and the target notices. */
export interface Correspondence {
  readonly before: Model | undefined;
  readonly after: Model;
  readonly addedPermissions: readonly Permission[];
  readonly removedPermissions: readonly Permission[];
  readonly renamedPermissions: readonly { readonly from: Permission; readonly to: Permission }[];
  readonly addedRoles: readonly Role[];
  readonly removedRoles: readonly Role[];
  readonly renamedRoles: readonly { readonly from: Role; readonly to: Role }[];
  readonly removedResources: readonly Resource[];
  readonly addedResources: readonly Resource[];
  readonly removedActions: readonly Action[];
  readonly addedActions: readonly Action[];
}

/**
 * Compares the ref's side (`before`; undefined when permgen was not set up there: everything
 * is added) with the working tree's. Every list comes out in a fixed order: breaking changes
 * as found in schema order, roles by name, vocabulary changes by kind then schema order.
 */
export function compareVocabularies(
  before: DiffSide | undefined,
  after: DiffSide,
  options: CompareOptions,
): VocabularyDiff {
  const breaking: BreakingChange[] = [];
  const vocabulary: VocabularyChange[] = [];
  const permissions = matchPermissions(before, after, breaking);
  const beforeModel = before?.model;

  // The namespace first: it explains every key that follows.
  const nsBefore = beforeModel?.namespace;
  const nsAfter = after.model.namespace;
  if (beforeModel !== undefined && nsBefore !== nsAfter) {
    const carried = permissions.renamed.length > 0;
    vocabulary.push({
      subject: "namespace",
      change: nsAfter === undefined ? "removed" : nsBefore === undefined ? "added" : "renamed",
      name: nsAfter ?? nsBefore ?? "",
      ...(nsBefore !== undefined && nsAfter !== undefined ? { from: nsBefore } : {}),
    });
    if (!carried && beforeModel.permissions.length > 0) {
      breaking.push({
        rule: "NAMESPACE_CHANGED",
        subject: nsAfter ?? "",
        message:
          `the namespace changed from ${quote(nsBefore ?? "(none)")} to ${quote(nsAfter ?? "(none)")} ` +
          "without @renamedFrom: every key is new and every old key removed",
      });
    }
  }

  const resources = matchMembers(
    beforeModel?.resources ?? [],
    after.model.resources,
    permissions.renamed.map(({ from, to }) => [from.resource.value, to.resource.value] as const),
  );
  const actions = matchMembers(
    beforeModel?.actions ?? [],
    after.model.actions,
    permissions.renamed.map(({ from, to }) => [from.action.value, to.action.value] as const),
  );
  pushMemberChanges(vocabulary, "resource", resources, options, (m) => m.value);
  pushMemberChanges(vocabulary, "action", actions, options, (m) => m.value);

  for (const permission of permissions.added) {
    vocabulary.push({ subject: "permission", change: "added", name: permission.key, id: permission.id });
  }
  for (const { from, to } of permissions.renamed) {
    vocabulary.push({ subject: "permission", change: "renamed", name: to.key, from: from.key, id: to.id });
  }
  for (const permission of permissions.removed) {
    vocabulary.push({ subject: "permission", change: "removed", name: permission.key, id: permission.id });
    breaking.push({
      rule: "PERMISSION_REMOVED",
      subject: permission.key,
      message: `permission ${quote(permission.key)} (id ${permission.id}) is removed: code naming it stops compiling, its rows are deleted`,
    });
  }
  // A pair's own deprecation only: one that comes from its resource or action is said there.
  const inherited = (p: Permission): boolean =>
    p.resource.doc.deprecated !== undefined || p.action.doc.deprecated !== undefined;
  for (const [from, to] of permissions.matched) {
    const own = !inherited(from) && !inherited(to);
    pushDocChanges(vocabulary, "permission", to.key, from.doc, to.doc, { ...options, deprecation: own }, to.id);
  }

  const roles = matchRoles(before, after);
  const access: RoleAccessChange[] = [];
  for (const role of roles.added) {
    vocabulary.push({ subject: "role", change: "added", name: role.name });
    access.push({ role: role.name, kind: "added", gained: role.permissions.map((p) => explainGain(role, p)), lost: [] });
  }
  for (const role of roles.removed) {
    vocabulary.push({ subject: "role", change: "removed", name: role.name });
    breaking.push({
      rule: "ROLE_REMOVED",
      subject: role.name,
      message: `role ${quote(role.name)} is removed: code naming it stops compiling, its rows are deleted`,
    });
    const lost = role.permissions.map((p) => ({ key: p.key, removed: !permissions.byBeforeKey.has(p.key) }));
    access.push({ role: role.name, kind: "removed", gained: [], lost });
  }
  for (const [from, to] of roles.matched) {
    if (from.name !== to.name) vocabulary.push({ subject: "role", change: "renamed", name: to.name, from: from.name });
    pushDocChanges(vocabulary, "role", to.name, from.doc, to.doc, options);
    const heldBefore = new Set(
      from.permissions.flatMap((p) => {
        const now = permissions.byBeforeKey.get(p.key);
        return now === undefined ? [] : [now.key];
      }),
    );
    const heldAfter = new Set(to.permissions.map((p) => p.key));
    const gained = to.permissions.filter((p) => !heldBefore.has(p.key)).map((p) => explainGain(to, p));
    const lost = from.permissions
      .filter((p) => {
        const now = permissions.byBeforeKey.get(p.key);
        return now === undefined || !heldAfter.has(now.key);
      })
      .map((p) => ({ key: p.key, removed: !permissions.byBeforeKey.has(p.key) }));
    if (from.name !== to.name) access.push({ role: to.name, kind: "renamed", from: from.name, gained, lost });
    else if (gained.length > 0 || lost.length > 0) access.push({ role: to.name, kind: "changed", gained, lost });
  }
  access.sort((a, b) => compareText(a.role, b.role));

  breaking.push(...compareSqlTargets(before?.targets ?? [], after.targets));
  breaking.push(...compareCodeTargetNames(before?.targets ?? [], after.targets));
  const correspondence: Correspondence = {
    before: beforeModel,
    after: after.model,
    addedPermissions: permissions.added,
    removedPermissions: permissions.removed,
    renamedPermissions: permissions.renamed,
    addedRoles: roles.added,
    removedRoles: roles.removed,
    renamedRoles: roles.matched.filter(([f, t]) => f.name !== t.name).map(([from, to]) => ({ from, to })),
    removedResources: resources.removed,
    addedResources: resources.added,
    removedActions: actions.removed,
    addedActions: actions.added,
  };
  const renamedRoleTo = new Map(roles.matched.map(([from, to]) => [from.name, to.name]));
  const constraints = compareConstraints(beforeModel, after.model, renamedRoleTo);
  const renamedVocabulary = vocabulary.filter((v) => v.subject === "permission" && v.change === "renamed");
  return Object.freeze({
    summary: {
      breaking: breaking.length,
      rolesWidened: access.filter((r) => r.gained.length > 0).length,
      rolesNarrowed: access.filter((r) => r.lost.length > 0).length,
      permissionsAdded: permissions.added.length,
      permissionsRemoved: permissions.removed.length,
      permissionsRenamed: renamedVocabulary.length,
      rolesAdded: roles.added.length,
      rolesRemoved: roles.removed.length,
    },
    breaking,
    roles: access,
    vocabulary,
    constraints,
    targets: buildTargetNotices(correspondence, before?.targets ?? [], after.targets),
  });
}

interface PermissionMatch {
  /** Ref key → the working tree's permission it became (same key, or renamed). */
  readonly byBeforeKey: ReadonlyMap<string, Permission>;
  readonly matched: readonly (readonly [Permission, Permission])[];
  readonly added: readonly Permission[];
  readonly removed: readonly Permission[];
  readonly renamed: readonly { readonly from: Permission; readonly to: Permission }[];
}

/**
 * Matches permissions by key, then by id across a recorded rename; pushes ID_CHANGED (a key on
 * both sides with other ids) and ID_REUSED (a key holding an id another key held at the ref,
 * active or retired, with no rename recorded).
 */
function matchPermissions(
  before: DiffSide | undefined,
  after: DiffSide,
  breaking: BreakingChange[],
): PermissionMatch {
  const beforePermissions = before?.model.permissions ?? [];
  const beforeByKey = new Map(beforePermissions.map((p) => [p.key, p]));
  const beforeById = new Map(beforePermissions.map((p) => [p.id, p]));
  const afterKeys = new Set(after.model.permissions.map((p) => p.key));
  const retiredById = new Map([...(before?.lock.retired ?? [])].map(([key, id]) => [id, key]));
  const byBeforeKey = new Map<string, Permission>();
  const matched: (readonly [Permission, Permission])[] = [];
  const added: Permission[] = [];
  const renamed: { from: Permission; to: Permission }[] = [];
  for (const permission of after.model.permissions) {
    const same = beforeByKey.get(permission.key);
    if (same !== undefined) {
      if (same.id !== permission.id) {
        breaking.push({
          rule: "ID_CHANGED",
          subject: permission.key,
          message: `permission ${quote(permission.key)} changed id from ${same.id} to ${permission.id}: stored bits and rows now mean another permission`,
        });
      }
      byBeforeKey.set(same.key, permission);
      matched.push([same, permission]);
      continue;
    }
    const holder = beforeById.get(permission.id);
    if (holder !== undefined && !afterKeys.has(holder.key) && isRecordedRename(after, holder.key, permission)) {
      byBeforeKey.set(holder.key, permission);
      matched.push([holder, permission]);
      renamed.push({ from: holder, to: permission });
      continue;
    }
    const former = holder?.key ?? retiredById.get(permission.id);
    if (former !== undefined && former !== permission.key) {
      breaking.push({
        rule: "ID_REUSED",
        subject: permission.key,
        message:
          `permission ${quote(permission.key)} has id ${permission.id}, which was ${quote(former)}'s` +
          `${holder === undefined ? " (retired)" : ""}, and no @renamedFrom records a rename`,
      });
    }
    added.push(permission);
  }
  const removed = beforePermissions.filter((p) => !byBeforeKey.has(p.key));
  return { byBeforeKey, matched, added, removed, renamed };
}

/** Whether the working tree records `from` → `to.key` as a rename (lock or `@renamedFrom`). */
function isRecordedRename(after: DiffSide, from: string, to: Permission): boolean {
  return after.lock.renamed?.get(from) === to.key || to.renamedFrom?.key === from;
}

interface RoleMatch {
  readonly matched: readonly (readonly [Role, Role])[];
  readonly added: readonly Role[];
  readonly removed: readonly Role[];
}

/** Roles by name, and across a rename the lock (or a `@renamedFrom` still in place) records. */
function matchRoles(before: DiffSide | undefined, after: DiffSide): RoleMatch {
  const beforeRoles = before?.model.roles ?? [];
  const beforeByName = new Map(beforeRoles.map((r) => [r.name, r]));
  const afterNames = new Set(after.model.roles.map((r) => r.name));
  const used = new Set<string>();
  const matched: (readonly [Role, Role])[] = [];
  const added: Role[] = [];
  for (const role of after.model.roles) {
    const same = beforeByName.get(role.name);
    if (same !== undefined) {
      used.add(same.name);
      matched.push([same, role]);
      continue;
    }
    const formerName = [...beforeByName.keys()].find(
      (name) =>
        !afterNames.has(name) &&
        !used.has(name) &&
        (after.lock.renamedRoles?.get(name) === role.name || role.doc.renamedFrom === name),
    );
    const former = formerName === undefined ? undefined : beforeByName.get(formerName);
    if (former !== undefined) {
      used.add(former.name);
      matched.push([former, role]);
    } else added.push(role);
  }
  return { matched, added, removed: beforeRoles.filter((r) => !used.has(r.name)) };
}

/**
 * Why `role` holds `permission`: its exact grant when it has one (explicit), else the
 * narrowest wildcard that covers it — `resource.*` before `*` — which makes the gain implicit.
 */
function explainGain(role: Role, permission: Permission): AccessGain {
  const exact = role.grants.find((g) => g.kind === "exact" && g.permission.key === permission.key);
  if (exact !== undefined) return { key: permission.key, implicit: false, through: exact.text };
  const wildcard =
    role.grants.find((g) => g.kind === "resource" && g.resource.value === permission.resource.value) ??
    role.grants.find((g) => g.kind === "module" && g.module === permission.module) ??
    role.grants.find((g) => g.kind === "all");
  // The model expands roles from these grants, so one of them covers every held key.
  if (wildcard === undefined) {
    throw new Error(`internal error: no grant of role "${role.name}" covers "${permission.key}"`);
  }
  return { key: permission.key, implicit: true, through: wildcard.text };
}

interface MemberMatch<M> {
  readonly matched: readonly (readonly [M, M])[];
  readonly added: readonly M[];
  readonly removed: readonly M[];
}

/**
 * Resources or actions by value, and across a rename: a `@renamedFrom` on the member, or
 * permission renames that carried a value that left to one that is new.
 */
function matchMembers<M extends Resource | Action>(
  before: readonly M[],
  after: readonly M[],
  carried: readonly (readonly [string, string])[],
): MemberMatch<M> {
  const beforeByValue = new Map(before.map((m) => [m.value, m]));
  const afterValues = new Set(after.map((m) => m.value));
  const carriedTo = new Map(carried.filter(([from, to]) => from !== to).map(([from, to]) => [to, from]));
  const used = new Set<string>();
  const matched: (readonly [M, M])[] = [];
  const added: M[] = [];
  for (const member of after) {
    const same = beforeByValue.get(member.value);
    const formerValue = same?.value ?? member.doc.renamedFrom ?? carriedTo.get(member.value);
    const former =
      formerValue === undefined || used.has(formerValue) || (same === undefined && afterValues.has(formerValue))
        ? undefined
        : beforeByValue.get(formerValue);
    if (former !== undefined) {
      used.add(former.value);
      matched.push([former, member]);
    } else added.push(member);
  }
  return { matched, added, removed: before.filter((m) => !used.has(m.value)) };
}

function pushMemberChanges<M extends Resource | Action>(
  out: VocabularyChange[],
  subject: "resource" | "action",
  match: MemberMatch<M>,
  options: CompareOptions,
  name: (member: M) => string,
): void {
  for (const member of match.added) out.push({ subject, change: "added", name: name(member) });
  for (const [from, to] of match.matched) {
    if (from.value !== to.value) out.push({ subject, change: "renamed", name: name(to), from: name(from) });
    pushDocChanges(out, subject, name(to), from.doc, to.doc, options);
  }
  for (const member of match.removed) out.push({ subject, change: "removed", name: name(member) });
}

function pushDocChanges(
  out: VocabularyChange[],
  subject: VocabularyChange["subject"],
  name: string,
  from: Model["docs"]["resource"],
  to: Model["docs"]["resource"],
  options: CompareOptions & { readonly deprecation?: boolean },
  id?: number,
): void {
  const withId = id === undefined ? {} : { id };
  if (options.deprecation === false) {
    // Said once, at the resource or action the deprecation comes from.
  } else if (from.deprecated === undefined && to.deprecated !== undefined) {
    out.push({ subject, change: "deprecated", name, ...withId, reason: to.deprecated });
  } else if (from.deprecated !== undefined && to.deprecated === undefined) {
    out.push({ subject, change: "undeprecated", name, ...withId });
  }
  if (options.descriptions && from.description !== to.description) {
    const description = { before: from.description ?? null, after: to.description ?? null };
    out.push({ subject, change: "described", name, ...withId, description });
  }
}

/**
 * Constraint changes, each identified as written in the schema: an `exclusive` set by its
 * entries (in any order), so it is added or removed; a `restricted` entry by its pattern, so
 * its roles can also change. Never by the keys they cover: a permission added under a
 * `resource.*` entry is a vocabulary change, not an edit of the constraint. A restriction's
 * roles are compared through the role renames (`roleTo`: ref name → working tree name), so a
 * renamed role listed under its new name is no change. `loosens` marks what lets a role hold
 * something it could not before: a set or a restriction removed, a restriction given a role.
 */
function compareConstraints(
  before: Model | undefined,
  after: Model,
  roleTo: ReadonlyMap<string, string>,
): ConstraintChange[] {
  const changes: ConstraintChange[] = [];
  const setId = (items: readonly string[]): string => JSON.stringify([...items].sort(compareText));
  const beforeSets = new Set((before?.constraints.exclusive ?? []).map((set) => setId(set.entries)));
  const afterSets = new Set(after.constraints.exclusive.map((set) => setId(set.entries)));
  for (const { entries } of after.constraints.exclusive) {
    if (!beforeSets.has(setId(entries))) {
      changes.push({ constraint: "exclusive", change: "added", subject: [...entries], loosens: false });
    }
  }
  for (const { entries } of before?.constraints.exclusive ?? []) {
    if (!afterSets.has(setId(entries))) {
      changes.push({ constraint: "exclusive", change: "removed", subject: [...entries], loosens: true });
    }
  }
  const beforeRestricted = new Map((before?.constraints.restricted ?? []).map((r) => [r.pattern, r]));
  const afterPatterns = new Set(after.constraints.restricted.map((r) => r.pattern));
  for (const entry of after.constraints.restricted) {
    const was = beforeRestricted.get(entry.pattern);
    if (was === undefined) {
      const rolesAfter = [...entry.roles];
      changes.push({ constraint: "restricted", change: "added", subject: entry.pattern, rolesAfter, loosens: false });
      continue;
    }
    const allowedBefore = new Set(was.roles.map((role) => roleTo.get(role) ?? role));
    if (setId([...allowedBefore]) === setId(entry.roles)) continue;
    changes.push({
      constraint: "restricted",
      change: "changed",
      subject: entry.pattern,
      rolesBefore: [...was.roles],
      rolesAfter: [...entry.roles],
      loosens: entry.roles.some((role) => !allowedBefore.has(role)),
    });
  }
  for (const entry of before?.constraints.restricted ?? []) {
    if (!afterPatterns.has(entry.pattern)) {
      const rolesBefore = [...entry.roles];
      changes.push({ constraint: "restricted", change: "removed", subject: entry.pattern, rolesBefore, loosens: true });
    }
  }
  return changes;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
