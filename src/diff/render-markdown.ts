/**
 * `permgen diff --format markdown`: a pull request comment or job summary a reviewer reads once
 * to know who gains and loses what. A heading and a summary line, breaking changes first, then
 * a table of role gains and losses, vocabulary changes, constraint changes and what each
 * target's consumers notice; a list longer than `COLLAPSE_AFTER` items is folded into
 * `<details>`.
 *
 * Every text that comes from a schema, a config or a ref goes through the Markdown target's
 * escaping (src/targets/markdown/escape-markdown.ts): plain text through `escapeMarkdownText`
 * (no `|`, backtick, HTML or line break survives), names through `renderCodeCell`/
 * `renderCodeSpan`. Nothing is interpolated raw.
 */
import {
  escapeMarkdownText,
  renderCodeCell,
  renderCodeSpan,
  renderTableRow,
} from "../targets/markdown/escape-markdown.js";
import type { RoleAccessChange, VocabularyChange, VocabularyDiff } from "./diff-report.js";
import type { DiffAgainst } from "./render-text.js";
import { describeSummary, isEmptyDiff } from "./render-text.js";

/** Lists (and table rows, and keys in one cell) longer than this are folded into `<details>`. */
export const COLLAPSE_AFTER = 10;

/** Renders the Markdown report, ending with a newline. */
export function renderDiffMarkdown(diff: VocabularyDiff, against: DiffAgainst): string {
  const blocks: string[] = [];
  blocks.push(`### permgen diff: ${renderCodeSpan(against.ref)} → this change`);
  const parts = describeSummary(diff.summary);
  const [first, ...rest] = parts;
  const summary = isEmptyDiff(diff)
    ? "No permission, role or grant changed."
    : first === undefined
      ? "No access changed."
      : `${diff.summary.breaking > 0 ? `**${first}**` : first}${rest.map((p) => `, ${p}`).join("")}.`;
  blocks.push(summary);
  if (!against.setUp) {
    blocks.push(`permgen was not set up at ${renderCodeSpan(against.ref)}: everything below is new.`);
  }
  if (diff.breaking.length > 0) {
    blocks.push("#### Breaking changes");
    blocks.push(
      collapse(
        diff.breaking.map((b) => `- **${b.rule}**: ${escapeMarkdownText(b.message)}`),
        "breaking changes",
      ),
    );
  }
  if (diff.roles.length > 0) {
    blocks.push("#### Who gains and loses what");
    const rows = diff.roles.map((role) =>
      renderTableRow([renderRole(role), renderKeys(role.gained.map(renderGain)), renderKeys(role.lost.map(renderLoss))]),
    );
    const table = [renderTableRow(["role", "gains", "loses"]), "| --- | --- | --- |", ...rows].join("\n");
    blocks.push(rows.length > COLLAPSE_AFTER ? details(`${rows.length} roles`, table) : table);
    if (diff.roles.some((r) => r.gained.some((g) => g.implicit))) {
      blocks.push("_implicit_: the role holds it through a wildcard grant (`*` or `resource.*`), not by name.");
    }
  }
  if (diff.vocabulary.length > 0) {
    blocks.push("#### Vocabulary changes");
    blocks.push(collapse(diff.vocabulary.map(renderVocabularyChange), "vocabulary changes"));
  }
  if (diff.constraints.length > 0) {
    blocks.push("#### Constraint changes");
    blocks.push(
      collapse(
        diff.constraints.map((c) => {
          const subject =
            typeof c.subject === "string" ? renderCodeSpan(c.subject) : c.subject.map(renderCodeSpan).join(" + ");
          const roles = (list: readonly string[] | undefined): string =>
            list === undefined || list.length === 0 ? "none" : list.map(renderCodeSpan).join(", ");
          const detail =
            c.constraint === "restricted" ? ` (roles: ${roles(c.rolesBefore)} → ${roles(c.rolesAfter)})` : "";
          return `- ${c.change} ${c.constraint} ${subject}${detail}${c.loosens ? ", **loosened**" : ""}`;
        }),
        "constraint changes",
      ),
    );
  }
  if (diff.targets.length > 0) {
    blocks.push("#### What consumers notice");
    const byTarget = new Map<string, string[]>();
    for (const notice of diff.targets) {
      const line = `- ${notice.breaking ? "**breaking**: " : ""}${escapeMarkdownText(notice.message)}`;
      byTarget.set(notice.target, [...(byTarget.get(notice.target) ?? []), line]);
    }
    for (const [target, lines] of byTarget) {
      blocks.push(`${escapeMarkdownText(target)}:`);
      blocks.push(collapse(lines, "changes"));
    }
  }
  return `${blocks.join("\n\n")}\n`;
}

function renderRole(role: RoleAccessChange): string {
  const name = renderCodeCell(role.role);
  if (role.kind === "added") return `${name} (new)`;
  if (role.kind === "removed") return `${name} (removed)`;
  if (role.kind === "renamed") return `${name} (renamed from ${renderCodeCell(role.from ?? "")})`;
  return name;
}

function renderGain(gain: RoleAccessChange["gained"][number]): string {
  return gain.implicit
    ? `${renderCodeCell(gain.key)} (implicit, through ${renderCodeCell(gain.through)})`
    : renderCodeCell(gain.key);
}

function renderLoss(loss: RoleAccessChange["lost"][number]): string {
  return loss.removed ? `${renderCodeCell(loss.key)} (removed)` : renderCodeCell(loss.key);
}

/** A table cell of keys, one per line; folded when there are more than `COLLAPSE_AFTER`. */
function renderKeys(items: readonly string[]): string {
  if (items.length <= COLLAPSE_AFTER) return items.join("<br>");
  return `<details><summary>${items.length} permissions</summary>${items.join("<br>")}</details>`;
}

function renderVocabularyChange(change: VocabularyChange): string {
  const name = renderCodeSpan(change.name);
  const id = change.id === undefined ? "" : ` (id ${change.id})`;
  switch (change.change) {
    case "added":
      return `- added ${change.subject} ${name}${id}`;
    case "removed":
      return `- removed ${change.subject} ${name}${id}`;
    case "renamed":
      return `- renamed ${change.subject} ${renderCodeSpan(change.from ?? "")} → ${name}${id}`;
    case "deprecated":
      return `- deprecated ${change.subject} ${name}${change.reason ? `: ${escapeMarkdownText(change.reason)}` : ""}`;
    case "undeprecated":
      return `- no longer deprecated: ${change.subject} ${name}`;
    case "described": {
      const text = (t: string | null | undefined): string => (t == null ? "_none_" : escapeMarkdownText(t));
      return `- described ${change.subject} ${name}: ${text(change.description?.before)} → ${text(change.description?.after)}`;
    }
  }
}

/** A list as Markdown lines, folded into `<details>` when it is long. */
function collapse(lines: readonly string[], what: string): string {
  const list = lines.join("\n");
  return lines.length > COLLAPSE_AFTER ? details(`${lines.length} ${what}`, list) : list;
}

/** A `<details>` block; blank lines around the body so GitHub renders its Markdown. */
function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
