/**
 * Scans → findings: the five rules (and syntax errors) over what the scanners found, as data —
 * rule id, severity, position, message — never text of any output format (see
 * format-findings.ts). Pure: no disk, no parser.
 */
import type { Permission, Role } from "../model/model.js";
import { judgeRoutes } from "./fastapi-routes.js";
import type { ExportNames } from "./generated-exports.js";
import { emittedName } from "./generated-exports.js";
import type { FindingKind, Rule, RuleSetting, Severity } from "./rules.js";
import { findRule } from "./rules.js";
import type { FileScan, IgnoreComment } from "./scan-result.js";
import type { AuditLanguage, VocabularyIndex } from "./vocabulary-index.js";

/** One finding of the audit. */
export interface Finding {
  readonly rule: Rule;
  readonly severity: Severity;
  /** Absolute path of the file the finding is in (the schema for unenforced and unheld). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** A finding an exemption silenced, and the exemption's reason. */
export interface ExemptFinding extends Finding {
  readonly exemption: string;
}

/** What the rules found: reported findings in order, and the exempted ones (for `--verbose`). */
export interface AuditFindings {
  readonly findings: readonly Finding[];
  readonly exempted: readonly ExemptFinding[];
}

/** Everything the rules need besides the scans. */
export interface FindingInputs {
  readonly index: VocabularyIndex;
  readonly scans: readonly FileScan[];
  /** `permgen: ignore …` comments in the schema files, by absolute path. */
  readonly schemaIgnores: ReadonlyMap<string, readonly IgnoreComment[]>;
  readonly settings: Readonly<Partial<Record<FindingKind, RuleSetting>>>;
  readonly root: string;
  /**
   * Each language's generated exports (its first target's), so messages name the symbols the
   * way `names` made them (`Depends(needs(...))`); default names where absent.
   */
  readonly exports?: Readonly<Partial<Record<AuditLanguage, ExportNames | undefined>>> | undefined;
}

/** Runs every rule and sorts the result by file, line, column, rule id. */
export function buildFindings(inputs: FindingInputs): AuditFindings {
  const { index, scans } = inputs;
  const { model } = index;
  const named = (language: AuditLanguage, symbol: string): string => {
    const exports = inputs.exports?.[language];
    return (exports === undefined ? undefined : emittedName(exports, symbol)) ?? symbol;
  };
  const findings: Finding[] = [];
  const exempted: ExemptFinding[] = [];
  const ignores = new Map<string, readonly IgnoreComment[]>(inputs.schemaIgnores);
  for (const scan of scans) ignores.set(scan.file, scan.ignores);
  const add = (kind: FindingKind, file: string, at: { line: number; column: number }, message: string, exemption?: string) => {
    const setting = inputs.settings[kind];
    if (setting === "off") return;
    const rule = findRule(kind);
    const finding: Finding = { rule, severity: setting ?? rule.severity, file, line: at.line, column: at.column, message };
    const ignored = (ignores.get(file) ?? []).some(
      (c) => (c.line === at.line || c.line === at.line - 1) && (c.kinds.includes(kind) || c.kinds.includes(rule.id.toLowerCase())),
    );
    const reason = exemption ?? (ignored ? `"permgen: ignore ${kind}" comment` : undefined);
    if (reason === undefined) findings.push(finding);
    else exempted.push({ ...finding, exemption: reason });
  };

  const enforced = new Set<string>();
  const byKey = new Map(model.permissions.map((p) => [p.key, p]));
  for (const scan of scans) {
    if (scan.syntaxError !== undefined) {
      add("syntax-error", scan.file, scan.syntaxError, `${scan.syntaxError.message.replace(/\.$/, "")}; the file was not audited`);
      continue;
    }
    for (const site of scan.sites) {
      enforced.add(site.key);
      const permission = byKey.get(site.key);
      if (permission?.doc.deprecated !== undefined) {
        const reason = permission.doc.deprecated === "" ? "" : `: ${permission.doc.deprecated}`;
        add("deprecated-use", scan.file, site, `${site.guard} names the deprecated permission "${site.key}"${reason}`);
      }
    }
    for (const hit of scan.strings) {
      const found = index.magicStrings.get(hit.value);
      if (found === undefined) continue;
      const what = found.permission !== undefined ? `the permission key of ${found.permission.localKey}` : `the role name "${hit.value}"`;
      add("magic-string", scan.file, hit, `"${hit.value}" is ${what}; use ${suggestConstant(index, scan.language, found, (symbol) => named(scan.language, symbol))} from the generated code instead of a string`);
    }
  }
  for (const permission of model.permissions) {
    if (enforced.has(permission.key)) continue;
    const reason = permission.doc.unenforced;
    add(
      "unenforced",
      permission.position.file,
      permission.position,
      `permission "${permission.key}" is declared but no guard requires it; call the generated guard for it, or mark the pair "@unenforced <reason>"`,
      reason === undefined ? undefined : `@unenforced${reason === "" ? "" : ` ${reason}`}`,
    );
  }
  if (model.roles.length > 0) {
    const held = new Set(model.roles.flatMap((r) => r.permissions.map((p) => p.key)));
    for (const permission of model.permissions) {
      if (held.has(permission.key)) continue;
      add("unheld", permission.position.file, permission.position, `no role holds permission "${permission.key}"; grant it to a role or remove it`);
    }
  }
  for (const verdict of judgeRoutes(scans, inputs.root)) {
    if (verdict.guarded) continue;
    const { route } = verdict;
    const endpoint = route.endpoint === undefined ? "" : ` (${route.endpoint})`;
    const guard = named("python", "require_permission");
    add(
      "unguarded-route",
      verdict.file,
      route,
      `route ${route.label}${endpoint} has no ${guard} dependency on the route, its router or the app; add Depends(${guard}(...)), or mark it "# permgen: public"`,
      route.public ? "# permgen: public" : undefined,
    );
  }
  return { findings: sortFindings(findings), exempted: sortFindings(exempted) };
}

/** The generated constant a magic string should be, in the language of the file it is in; `named` spells a symbol. */
function suggestConstant(
  index: VocabularyIndex,
  language: AuditLanguage,
  found: { readonly permission?: Permission; readonly role?: Role },
  named: (symbol: string) => string,
): string {
  const names = index.names[language];
  if (found.role !== undefined) {
    const name = names.roleName(found.role);
    return language === "rust" ? `${named("Role")}::${name}` : language === "go" ? name : `${named("Role")}.${name}`;
  }
  const permission = found.permission as Permission;
  if (language === "typescript") {
    return `${named("permissionKey")}(${named("Resource")}.${permission.resource.name}, ${named("Action")}.${permission.action.name})`;
  }
  const name = names.permissionName(permission) ?? "";
  return language === "rust" ? `${named("Permission")}::${name}` : language === "go" ? name : `${named("Permission")}.${name}`;
}

function sortFindings<T extends Finding>(findings: readonly T[]): T[] {
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...findings].sort(
    (a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.rule.id, b.rule.id) || compare(a.message, b.message),
  );
}
