/**
 * Raw enums and `permissions` → validated resources, actions and (resource, action) pairs.
 *
 * Part of the model builder (build-model.ts). Collects every diagnostic of CONTRACT §2 for the
 * vocabulary instead of stopping at the first, and remembers where the vocabulary is incomplete
 * (a member the reader rejected, an unknown resource) so the role checks do not report
 * follow-on errors about it.
 */
import { Codes } from "../diagnostics/codes.js";
import { formatSuggestion } from "../diagnostics/suggest.js";
import type { Diagnostic, DiagnosticCode } from "../diagnostics/diagnostic.js";
import type { Action, Doc, Resource, SourcePosition } from "../model/model.js";
import type { RawEnum, RawEnumMember, RawPermissions, RawRef } from "../schema/raw-schema.js";
import { ACTION_VALUE, formatList, RESOURCE_VALUE } from "./naming-rules.js";

/** The members of one enum, looked up by name and by value. */
export interface EnumTable<T extends Resource | Action> {
  /** Valid members in declaration order (first of each duplicate). */
  readonly members: readonly T[];
  /** Member name → member; null for a member whose value is unknown (already reported). */
  readonly byName: ReadonlyMap<string, T | null>;
  readonly byValue: ReadonlyMap<string, T>;
  /** False when some member's value could not be read (non-string or rejected). */
  readonly complete: boolean;
}

/** A validated (resource, action) pair, before it gets its id. */
export interface Pair {
  /** `resource.action`, without namespace. */
  readonly localKey: string;
  readonly resource: Resource;
  readonly action: Action;
  readonly doc: Doc;
  readonly position: SourcePosition;
}

/** The validated vocabulary and what the role checks must know about its gaps. */
export interface Vocabulary {
  readonly resources: EnumTable<Resource>;
  readonly actions: EnumTable<Action>;
  /** In schema order: entries in `permissions` order, actions in list order. */
  readonly pairs: readonly Pair[];
  /** True when some `permissions` key could not be resolved to a resource. */
  readonly unresolvedEntries: boolean;
  /** Resource values whose action list had an element that could not be resolved. */
  readonly uncertainResources: ReadonlySet<string>;
  /** The config's module names, for `<module>.*` grants; absent outside modules. */
  readonly modules?: ReadonlySet<string> | undefined;
}

/**
 * Validates the `Resource` and `Action` enums and the `permissions` map: string values (PG0201),
 * value formats (PG0202, PG0203), duplicate values and members (PG0204, PG0205), unknown
 * resources and actions (PG0206, PG0207), an action listed twice (PG0208), a resource listed
 * twice (PG0209). Pushes every diagnostic into `diagnostics` and returns what is valid.
 */
export function buildVocabulary(
  raw: {
    readonly resource: RawEnum;
    readonly action: RawEnum;
    readonly permissions: RawPermissions;
  },
  diagnostics: Diagnostic[],
): Vocabulary {
  const resources = buildEnumTable(raw.resource, diagnostics, (name, value, doc, position, member) => ({
    kind: "resource" as const,
    name,
    value,
    module: member.module,
    declared: member.declared ?? { name, value },
    doc,
    position,
  }));
  const actions = buildEnumTable(raw.action, diagnostics, (name, value, doc, position) => ({
    kind: "action" as const,
    name,
    value,
    doc,
    position,
  }));

  const pairs: Pair[] = [];
  const seenResources = new Set<Resource>();
  const uncertainResources = new Set<string>();
  let unresolvedEntries = false;
  for (const entry of raw.permissions.entries) {
    const resource = resolveRef(entry.resource, resources, "resource", undefined, diagnostics);
    if (resource === undefined) unresolvedEntries = true;
    const duplicate = resource !== undefined && seenResources.has(resource);
    if (resource !== undefined && duplicate && entry.resource.kind !== "rejected") {
      pushDiagnostic(
        diagnostics,
        Codes.DuplicateResourceEntry,
        entry.resource.position,
        `resource "${resource.value}" is listed twice in permissions`,
      );
    }
    if (resource !== undefined) seenResources.add(resource);
    const seenActions = new Set<Action>();
    for (const element of entry.actions) {
      const ref = element.action;
      const action =
        ref.kind === "rejected"
          ? undefined
          : resolveRef(ref, actions, "action", resource, diagnostics);
      if (action === undefined || ref.kind === "rejected") {
        if (resource !== undefined) uncertainResources.add(resource.value);
        continue;
      }
      if (seenActions.has(action)) {
        if (resource !== undefined) {
          pushDiagnostic(
            diagnostics,
            Codes.DuplicateAction,
            ref.position,
            `action "${action.value}" is listed twice for resource "${resource.value}"`,
          );
        }
        continue;
      }
      seenActions.add(action);
      if (resource === undefined || duplicate) continue;
      pairs.push({
        localKey: `${resource.value}.${action.value}`,
        resource,
        action,
        // A doc on the `permissions` key documents every pair of that resource that has none
        // of its own, and its @deprecated deprecates them all.
        doc: {
          description: element.doc.description ?? entry.doc.description,
          deprecated:
            element.doc.deprecated ??
            entry.doc.deprecated ??
            resource.doc.deprecated ??
            action.doc.deprecated,
          // Only the pair's own tag renames it (a tag on the key would name no one pair).
          ...(element.doc.renamedFrom === undefined ? {} : { renamedFrom: element.doc.renamedFrom }),
          // `@unenforced` on the key exempts every pair of that resource, like @deprecated.
          ...((element.doc.unenforced ?? entry.doc.unenforced) === undefined
            ? {}
            : { unenforced: element.doc.unenforced ?? entry.doc.unenforced }),
        },
        position: ref.position,
      });
    }
  }
  return { resources, actions, pairs, unresolvedEntries, uncertainResources };
}

function buildEnumTable<T extends Resource | Action>(
  raw: RawEnum,
  diagnostics: Diagnostic[],
  make: (name: string, value: string, doc: Doc, position: SourcePosition, member: RawEnumMember) => T,
): EnumTable<T> {
  const isResource = raw.name === "Resource";
  const noun = isResource ? "resource" : "action";
  const members: T[] = [];
  const byName = new Map<string, T | null>();
  const byValue = new Map<string, T>();
  let complete = true;
  for (const member of raw.members) {
    if (isNumericName(member.name)) {
      // TypeScript's own rule (TS2452): the schema would not compile, so nothing is built.
      complete = false;
      byName.set(member.name, null);
      pushDiagnostic(
        diagnostics,
        Codes.NumericMemberName,
        member.position,
        `${raw.name} member ${JSON.stringify(member.name)} has a numeric name, which TypeScript does not allow in an enum; name it with a letter first`,
      );
      continue;
    }
    if (byName.has(member.name)) {
      pushDiagnostic(
        diagnostics,
        Codes.DuplicateMember,
        member.position,
        `duplicate member ${raw.name}.${member.name}`,
      );
      continue;
    }
    const value = member.value;
    if (value.kind !== "string") {
      complete = false;
      byName.set(member.name, null);
      if (value.kind === "non-string") {
        pushDiagnostic(
          diagnostics,
          Codes.NonStringMember,
          value.position,
          value.found === ""
            ? `${raw.name}.${member.name} must have a string value: write ${member.name} = "..."`
            : `${raw.name}.${member.name} must have a string value, found ${value.found}`,
        );
      }
      continue;
    }
    const rule = isResource ? RESOURCE_VALUE : ACTION_VALUE;
    if (!rule.test(value.value)) {
      pushDiagnostic(
        diagnostics,
        isResource ? Codes.InvalidResourceValue : Codes.InvalidActionValue,
        value.position,
        isResource
          ? `invalid resource value "${value.value}": use lowercase words separated by dots, such as "engagement.member"`
          : `invalid action value "${value.value}": use one lowercase word without dots, such as "read"`,
      );
    }
    const other = byValue.get(value.value);
    if (other !== undefined) {
      pushDiagnostic(
        diagnostics,
        Codes.DuplicateValue,
        value.position,
        `duplicate ${noun} value "${value.value}": ${raw.name}.${other.name} has it too`,
      );
      byName.set(member.name, other);
      continue;
    }
    const made = make(member.name, value.value, member.doc, member.position, member);
    members.push(made);
    byName.set(member.name, made);
    byValue.set(value.value, made);
  }
  return { members, byName, byValue, complete };
}

/**
 * Resolves a reference from `permissions` to an enum member; reports an unknown one. Returns
 * undefined when it cannot be resolved (reported here, or earlier by the reader or the enum
 * checks).
 */
function resolveRef<T extends Resource | Action>(
  ref: RawRef,
  table: EnumTable<T>,
  noun: "resource" | "action",
  resource: Resource | undefined,
  diagnostics: Diagnostic[],
): T | undefined {
  if (ref.kind === "rejected") return undefined;
  const code = noun === "resource" ? Codes.UnknownResource : Codes.UnknownAction;
  const enumName = noun === "resource" ? "Resource" : "Action";
  const context = resource === undefined ? "" : ` for resource "${resource.value}"`;
  if (ref.kind === "member") {
    const found = table.byName.get(ref.member);
    if (found !== undefined) return found ?? undefined;
    const names = [...table.byName.keys()];
    pushDiagnostic(
      diagnostics,
      code,
      ref.position,
      `unknown ${noun} ${enumName}.${ref.member}${context}; declared members: ${formatList(names)}${formatSuggestion(ref.member, names, (name) => `${enumName}.${name}`)}`,
    );
    return undefined;
  }
  const found = table.byValue.get(ref.value);
  if (found !== undefined) return found;
  if (!table.complete) return undefined;
  const values = table.members.map((m) => m.value);
  pushDiagnostic(
    diagnostics,
    code,
    ref.position,
    `unknown ${noun} "${ref.value}"${context}; declared ${noun}s: ${formatList(values)}${formatSuggestion(ref.value, values)}`,
  );
  return undefined;
}

/** Appends a diagnostic positioned at `position` (the model builder's one way to report). */
export function pushDiagnostic(
  diagnostics: Diagnostic[],
  code: DiagnosticCode,
  position: SourcePosition,
  message: string,
): void {
  diagnostics.push({
    code,
    message,
    file: position.file,
    line: position.line,
    column: position.column,
  });
}

/**
 * TypeScript's test for an enum member name it rejects (TS2452): a numeric literal name such as
 * `"1"`, `"-1"` or `"1.5"`; `NaN`, `Infinity` and `-Infinity` are allowed.
 */
function isNumericName(name: string): boolean {
  return String(Number(name)) === name && !/^-?Infinity$|^NaN$/.test(name);
}
