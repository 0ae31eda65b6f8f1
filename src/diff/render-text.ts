/**
 * `permgen diff`'s text format, for a terminal: a summary line, then breaking changes, access
 * changes per role, vocabulary changes, constraint changes and what each target's consumers
 * notice. Every line goes through `formatTextLine`, so nothing from a schema, a config or a ref
 * name can start another line, drive the terminal or read as a GitHub workflow command.
 */
import { formatTextLine } from "../diagnostics/diagnostic.js";
import type { DiffSummary, VocabularyChange, VocabularyDiff } from "./diff-report.js";

/** Which ref the working tree was compared with. */
export interface DiffAgainst {
  /** The ref as given (`--against`, `origin/main`, `HEAD`). */
  readonly ref: string;
  /** The commit it resolved to (full hex). */
  readonly commit: string;
  /** false when permgen was not set up at the ref (no config, schema or lock there). */
  readonly setUp: boolean;
}

/**
 * The summary's parts, largest concern first: `2 breaking changes`, `3 roles widened`, … Empty
 * when nothing changed.
 */
export function describeSummary(summary: DiffSummary): string[] {
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  const parts: [number, string][] = [
    [summary.breaking, count(summary.breaking, "breaking change", "breaking changes")],
    [summary.rolesWidened, count(summary.rolesWidened, "role widened", "roles widened")],
    [summary.rolesNarrowed, count(summary.rolesNarrowed, "role narrowed", "roles narrowed")],
    [summary.permissionsAdded, count(summary.permissionsAdded, "permission added", "permissions added")],
    [summary.permissionsRemoved, count(summary.permissionsRemoved, "permission removed", "permissions removed")],
    [summary.permissionsRenamed, count(summary.permissionsRenamed, "permission renamed", "permissions renamed")],
    [summary.rolesAdded, count(summary.rolesAdded, "role added", "roles added")],
    [summary.rolesRemoved, count(summary.rolesRemoved, "role removed", "roles removed")],
  ];
  return parts.filter(([n]) => n > 0).map(([, text]) => text);
}

/** Whether the diff holds nothing to show. */
export function isEmptyDiff(diff: VocabularyDiff): boolean {
  return (
    diff.breaking.length === 0 &&
    diff.roles.length === 0 &&
    diff.vocabulary.length === 0 &&
    diff.constraints.length === 0 &&
    diff.targets.length === 0
  );
}

/** Renders the whole text report, one line per fact, ending with a newline. */
export function renderDiffText(diff: VocabularyDiff, against: DiffAgainst): string {
  const lines: string[] = [];
  const where = `${against.ref} (${against.commit.slice(0, 12)})`;
  const parts = describeSummary(diff.summary);
  const head = isEmptyDiff(diff)
    ? "no permission, role or grant changed"
    : parts.length === 0
      ? "no access changed"
      : parts.join(", ");
  lines.push(`permgen diff ${where} → working tree: ${head}`);
  if (!against.setUp) lines.push(`  (permgen was not set up at ${against.ref}: everything is new)`);
  if (diff.breaking.length > 0) {
    lines.push("Breaking changes:");
    for (const b of diff.breaking) lines.push(`  ${b.rule}: ${b.message}`);
  }
  if (diff.roles.length > 0) {
    lines.push("Access changes (after wildcard expansion):");
    for (const role of diff.roles) {
      const counts = `+${role.gained.length} -${role.lost.length}`;
      const title =
        role.kind === "added"
          ? `+ role ${role.role} (new): ${counts}`
          : role.kind === "removed"
            ? `- role ${role.role} (removed): ${counts}`
            : role.kind === "renamed"
              ? `~ role ${role.role} (renamed from ${role.from ?? ""}): ${counts}`
              : `~ role ${role.role}: ${counts}`;
      lines.push(`  ${title}`);
      for (const gain of role.gained) {
        lines.push(`      + ${gain.key}${gain.implicit ? ` (implicit, through ${JSON.stringify(gain.through)})` : ""}`);
      }
      for (const loss of role.lost) lines.push(`      - ${loss.key}${loss.removed ? " (permission removed)" : ""}`);
    }
  }
  if (diff.vocabulary.length > 0) {
    lines.push("Vocabulary changes:");
    for (const change of diff.vocabulary) lines.push(`  ${describeVocabularyChange(change)}`);
  }
  if (diff.constraints.length > 0) {
    lines.push("Constraint changes:");
    for (const c of diff.constraints) {
      const sign = c.change === "added" ? "+" : c.change === "removed" ? "-" : "~";
      const subject = typeof c.subject === "string" ? c.subject : c.subject.join(", ");
      const roles =
        c.constraint === "restricted"
          ? ` (roles: ${(c.rolesBefore ?? []).join(", ") || "-"} → ${(c.rolesAfter ?? []).join(", ") || "-"})`
          : "";
      lines.push(`  ${sign} ${c.constraint} ${subject}${roles}${c.loosens ? " (loosened)" : ""}`);
    }
  }
  if (diff.targets.length > 0) {
    lines.push("What consumers notice:");
    for (const notice of diff.targets) lines.push(`  ${notice.target}: ${notice.message}`);
  }
  return lines.map((line) => `${formatTextLine(line)}\n`).join("");
}

/** One vocabulary change as a sentence: `+ permission soc.host.create (id 13)`. */
export function describeVocabularyChange(change: VocabularyChange): string {
  const id = change.id === undefined ? "" : ` (id ${change.id})`;
  const what = `${change.subject} ${change.name}`;
  switch (change.change) {
    case "added":
      return `+ ${what}${id}`;
    case "removed":
      return `- ${what}${id}`;
    case "renamed":
      return `~ ${change.subject} ${change.from ?? ""} → ${change.name} (${id === "" ? "" : `id ${change.id}, `}renamed)`;
    case "deprecated":
      return `! ${what} deprecated${change.reason ? `: ${change.reason}` : ""}`;
    case "undeprecated":
      return `! ${what} no longer deprecated`;
    case "described": {
      const before = JSON.stringify(change.description?.before ?? null);
      return `~ ${what}: description ${before} → ${JSON.stringify(change.description?.after ?? null)}`;
    }
  }
}
