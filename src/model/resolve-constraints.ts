/**
 * Raw `constraints` → the model's constraints, checked against the vocabulary and the roles.
 *
 * Part of the model builder (build-model.ts). An entry (in an `exclusive` set, or a
 * `restricted` pattern) is an exact key written without the namespace, like a role grant, or
 * `<resource>.*`: every permission of exactly that resource, including ones added later. `"*"`
 * is refused: an exclusive set or restriction over every permission says nothing a role list
 * could keep. In an exclusive set each entry stands for the keys it covers, and no role may
 * hold keys of two of its entries (CONTRACT §9: "no single role holds two of these"): with
 * `["payment.*", "refund.approve"]` a role may hold every payment permission, or refund.approve,
 * never both kinds. Entries of one set may not overlap, so each key belongs to one entry.
 */
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { formatSuggestion } from "../diagnostics/suggest.js";
import type { RawConstraints, RawConstraintText } from "../schema/raw-schema.js";
import { pushDiagnostic, type Vocabulary } from "./build-vocabulary.js";
import type { Doc, ModelConstraints, SourcePosition } from "./model.js";
import { formatList, PERMISSION_KEY, RESOURCE_VALUE } from "./naming-rules.js";
import { hintUnknownKey, hintUnknownResource } from "./resolve-roles.js";

/** The model's constraints and where each is written, for the violations' messages. */
export interface ResolvedConstraints {
  readonly constraints: ModelConstraints;
  /**
   * Per `constraints.exclusive` set (same index as in `constraints`), per entry, the keys (with
   * namespace) the entry covers: the grouping the check needs, which the model's flat list of
   * keys per set does not keep.
   */
  readonly exclusiveEntries: readonly (readonly (readonly string[])[])[];
  /** Per `constraints.exclusive` set (same index): where its `[` is. */
  readonly exclusivePositions: readonly SourcePosition[];
  /** Per `constraints.restricted` entry (same index): where its pattern is. */
  readonly restrictedPositions: readonly SourcePosition[];
}

/** A role as the resolver needs it: its current name and its former one, when renamed. */
interface NamedRole {
  readonly name: string;
  readonly doc: Doc;
}

const EMPTY: ResolvedConstraints = {
  constraints: { exclusive: [], restricted: [] },
  exclusiveEntries: [],
  exclusivePositions: [],
  restrictedPositions: [],
};

/**
 * Checks every entry, pattern and role name of `constraints`: a malformed entry or `"*"`
 * (PG0310), an unknown permission or resource (PG0311), an unknown role or a role's former
 * name (PG0312), an entry, pattern, role or set written twice or an entry a wildcard of the
 * same set already covers (PG0313), a set of fewer than two distinct entries (PG0314). Pushes
 * diagnostics and returns what is valid, keys with the namespace.
 */
export function resolveConstraints(input: {
  readonly raw: RawConstraints | undefined;
  readonly vocabulary: Vocabulary;
  readonly namespace: string | undefined;
  readonly roles: readonly NamedRole[];
  readonly diagnostics: Diagnostic[];
}): ResolvedConstraints {
  const { raw, vocabulary, namespace, roles, diagnostics } = input;
  if (raw === undefined) return EMPTY;
  const prefix = namespace === undefined ? "" : `${namespace}.`;
  const resolve = (entry: RawConstraintText, where: string): readonly string[] | undefined =>
    resolveEntry(entry, where, { vocabulary, namespace, diagnostics });

  const exclusive: { entries: string[]; keys: string[] }[] = [];
  const exclusiveEntries: string[][][] = [];
  const exclusivePositions: SourcePosition[] = [];
  const setsSeen = new Map<string, SourcePosition>();
  for (const set of raw.exclusive) {
    const texts = new Set<string>();
    const covered = new Map<string, string>();
    const entries: string[][] = [];
    let valid = true;
    for (const entry of set.entries) {
      if (texts.has(entry.text)) {
        pushDiagnostic(
          diagnostics,
          Codes.DuplicateConstraintEntry,
          entry.position,
          `${JSON.stringify(entry.text)} is listed twice in this constraints.exclusive set`,
        );
        continue;
      }
      texts.add(entry.text);
      const local = resolve(entry, "constraints.exclusive");
      if (local === undefined) {
        valid = false;
        continue;
      }
      // Overlap means the user thinks of two entries where permgen sees one key: say so.
      const overlap = local.map((k) => covered.get(k)).find((other) => other !== undefined);
      if (overlap !== undefined) {
        pushDiagnostic(
          diagnostics,
          Codes.DuplicateConstraintEntry,
          entry.position,
          `${JSON.stringify(entry.text)} and ${JSON.stringify(overlap)} cover the same permission in this constraints.exclusive set; keep one`,
        );
        continue;
      }
      for (const key of local) covered.set(key, entry.text);
      entries.push(local.map((key) => prefix + key));
    }
    if (texts.size < 2) {
      pushDiagnostic(
        diagnostics,
        Codes.ExclusiveSetTooSmall,
        set.position,
        `a constraints.exclusive set needs at least two distinct entries (no role may hold two of them); this one has ${texts.size}`,
      );
      continue;
    }
    // Order does not matter in a set: the same entries twice would report each role twice.
    const canonical = JSON.stringify([...texts].sort());
    const earlier = setsSeen.get(canonical);
    if (earlier !== undefined) {
      pushDiagnostic(
        diagnostics,
        Codes.DuplicateConstraintEntry,
        set.position,
        `this constraints.exclusive set repeats the one at ${earlier.line}:${earlier.column}; keep one`,
      );
      continue;
    }
    setsSeen.set(canonical, set.position);
    if (!valid) continue;
    exclusive.push({ entries: [...texts], keys: entries.flat() });
    exclusiveEntries.push(entries);
    exclusivePositions.push(set.position);
  }

  const roleNames = roles.map((role) => role.name);
  const byFormerName = new Map<string, string>();
  for (const role of roles) {
    const old = role.doc.renamedFrom;
    if (old !== undefined && old !== role.name) byFormerName.set(old, role.name);
  }
  const restricted: { pattern: string; keys: string[]; roles: string[] }[] = [];
  const restrictedPositions: SourcePosition[] = [];
  const patterns = new Set<string>();
  for (const restriction of raw.restricted) {
    const { pattern } = restriction;
    const where = `constraints.restricted[${JSON.stringify(pattern.text)}]`;
    if (patterns.has(pattern.text)) {
      pushDiagnostic(
        diagnostics,
        Codes.DuplicateConstraintEntry,
        pattern.position,
        `${JSON.stringify(pattern.text)} is restricted twice; list every role that may hold it once`,
      );
      continue;
    }
    patterns.add(pattern.text);
    const local = resolve(pattern, "constraints.restricted");
    let valid = local !== undefined;
    const allowed: string[] = [];
    for (const role of restriction.roles) {
      if (allowed.includes(role.text)) {
        pushDiagnostic(
          diagnostics,
          Codes.DuplicateConstraintEntry,
          role.position,
          `role ${JSON.stringify(role.text)} is listed twice in ${where}`,
        );
        continue;
      }
      if (!roleNames.includes(role.text)) {
        valid = false;
        const current = byFormerName.get(role.text);
        const hint =
          current !== undefined
            ? `: it was renamed to "${current}" (@renamedFrom ${role.text}); constraints name roles by their current name`
            : roleNames.length === 0
              ? `: the schema declares no roles`
              : `; declared roles: ${formatList(roleNames)}${formatSuggestion(role.text, roleNames)}`;
        pushDiagnostic(
          diagnostics,
          Codes.UnknownConstraintRole,
          role.position,
          `unknown role ${JSON.stringify(role.text)} in ${where}${hint}`,
        );
        continue;
      }
      allowed.push(role.text);
    }
    if (!valid || local === undefined) continue;
    restricted.push({ pattern: pattern.text, keys: local.map((k) => prefix + k), roles: allowed });
    restrictedPositions.push(pattern.position);
  }
  return {
    constraints: { exclusive, restricted },
    exclusiveEntries,
    exclusivePositions,
    restrictedPositions,
  };
}

interface EntryContext {
  readonly vocabulary: Vocabulary;
  readonly namespace: string | undefined;
  readonly diagnostics: Diagnostic[];
}

/** The keys (without namespace, schema order) an entry covers, or undefined after a diagnostic. */
function resolveEntry(
  entry: RawConstraintText,
  where: string,
  context: EntryContext,
): readonly string[] | undefined {
  const { vocabulary, namespace, diagnostics } = context;
  const { text, position } = entry;
  const quoted = JSON.stringify(text);
  const example = vocabulary.pairs[0]?.localKey ?? "alert.read";
  if (text === "*") {
    const resource = example.slice(0, example.lastIndexOf("."));
    pushDiagnostic(
      diagnostics,
      Codes.InvalidConstraint,
      position,
      `"*" in ${where} would cover every permission; name a permission such as "${example}" or a resource such as "${resource}.*"`,
    );
    return undefined;
  }
  if (text.endsWith(".*") && RESOURCE_VALUE.test(text.slice(0, -2))) {
    const resource = vocabulary.resources.byValue.get(text.slice(0, -2));
    if (resource !== undefined) {
      return vocabulary.pairs.filter((p) => p.resource === resource).map((p) => p.localKey);
    }
    const hint = hintUnknownResource(text, vocabulary, namespace);
    if (hint !== undefined) {
      pushDiagnostic(
        diagnostics,
        Codes.UnknownConstraintPermission,
        position,
        `unknown resource "${text.slice(0, -2)}" in ${quoted} of ${where}${hint}`,
      );
    }
    return undefined;
  }
  if (PERMISSION_KEY.test(text)) {
    if (vocabulary.pairs.some((p) => p.localKey === text)) return [text];
    const hint = hintUnknownKey(text, vocabulary, namespace);
    if (hint !== undefined) {
      pushDiagnostic(
        diagnostics,
        Codes.UnknownConstraintPermission,
        position,
        `unknown permission ${quoted} in ${where}${hint}`,
      );
    }
    return undefined;
  }
  pushDiagnostic(
    diagnostics,
    Codes.InvalidConstraint,
    position,
    `malformed entry ${quoted} in ${where}: write a permission key such as "${example}" or "<resource>.*"`,
  );
  return undefined;
}
