/**
 * `permgen.config.json` text → resolved config, or positioned diagnostics.
 *
 * Pure: the caller reads the file. Every problem is reported in one run: each JSON syntax error
 * (PG0502), each zod issue and each duplicate key (PG0503) at the JSON node it is about, two
 * targets writing the same file (PG0603), two SQL targets naming different metadata tables for a
 * code target's start-up check to read (PG0620).
 */
import path from "node:path";
import { findDeepJson, MAX_JSON_DEPTH } from "../loading/json-depth.js";
import { findNodeAtLocation } from "../loading/jsonc-parser.js";
import { withoutByteOrderMark } from "../output/read-files.js";
import type { Node as JsonNode, ParseError } from "jsonc-parser";
import type { z } from "zod";
import { Codes } from "../diagnostics/codes.js";
import { formatSuggestion } from "../diagnostics/suggest.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import {
  buildJsonLocator,
  describeJsonSyntaxError,
  findKeyNode,
  findNearestNode,
  parseJsonTree,
  readNodeValue,
} from "../diagnostics/json-position.js";
import type { LocateOffset } from "../diagnostics/json-position.js";
import { formatJsonPath } from "../diagnostics/json-position.js";
import { TARGETS } from "../targets/index.js";
import { DEFAULT_TABLE_NAMES } from "../targets/sql/sql-options.js";
import type { TargetDescriptor } from "../targets/target.js";
import { buildConfigSchema } from "./config-schema.js";
import type { ParsedConfig } from "./config-schema.js";
import {
  locateSchemaField,
  readConfigModules,
  resolveLockPath,
  resolveSchemaSources,
} from "./config-paths.js";
import type { ConfigModule } from "./config-paths.js";
import type { AuditConfig, AuditGlob, ConfiguredTarget, ResolvedConfig } from "./resolved-config.js";
import { MODULE_NAME } from "../model/naming-rules.js";

/** The result of parsing a config: the config, or why there is none. */
export type ConfigResult =
  | { readonly config: ResolvedConfig; readonly diagnostics: readonly [] }
  | { readonly config: undefined; readonly diagnostics: readonly Diagnostic[] };

/**
 * Parses the text of a config file (`file`: its absolute path) into a resolved config. Reports
 * every JSON syntax error (PG0502); when the JSON is well-formed, every duplicate key and every
 * zod issue (PG0503) positioned at the node it concerns (an unknown key at the key itself), the
 * message starting with the JSON path (`targets[0].enumStyle: …`); and every target whose output
 * another target already writes (PG0603). `targets` defaults to the registered descriptors.
 */
export function parseConfig(
  file: string,
  text: string,
  targets: readonly TargetDescriptor<any>[] = TARGETS,
): ConfigResult {
  text = withoutByteOrderMark(text);
  const locate = buildJsonLocator(text);
  const deep = findDeepJson(text);
  if (deep !== undefined) {
    const message = `brackets nested more than ${MAX_JSON_DEPTH} levels deep: a config nests a few levels`;
    return { config: undefined, diagnostics: [{ code: Codes.ConfigSyntax, message, file, ...locate(deep) }] };
  }
  const { tree, errors: syntaxErrors } = parseJsonTree(text);
  if (syntaxErrors.length > 0 || tree === undefined) {
    return { config: undefined, diagnostics: reportSyntaxErrors(file, syntaxErrors, locate) };
  }

  const diagnostics: Diagnostic[] = reportDuplicateKeys(file, tree, locate);
  const value: unknown = readNodeValue(tree);
  const schema = buildConfigSchema(targets);
  const result = schema.safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      diagnostics.push(...reportIssue(file, tree, value, issue, locate, schema));
    }
  }
  if (!result.success || diagnostics.length > 0) return { config: undefined, diagnostics };

  const modules = readConfigModules(tree, locate);
  // zod accepted the shape, so the light reader reads it too.
  if (modules === undefined) throw new Error("internal error: modules unreadable after validation");
  const moduleProblems = reportModuleProblems(file, modules, result.data.schema);
  if (moduleProblems.length > 0) return { config: undefined, diagnostics: moduleProblems };
  const config = resolveConfig(file, tree, result.data, targets, locate, modules);
  const optionProblems = [
    ...reportOptionProblems(file, tree, config, locate),
    ...reportTargetModules(file, tree, config, locate),
  ];
  if (optionProblems.length > 0) return { config: undefined, diagnostics: optionProblems };
  const overlaps = [
    ...reportDuplicateOutputs(config),
    ...reportDigestTableConflicts(config, tree, locate),
  ];
  if (overlaps.length > 0) return { config: undefined, diagnostics: overlaps };
  return { config, diagnostics: [] };
}

function resolveConfig(
  file: string,
  tree: JsonNode,
  parsed: ParsedConfig,
  descriptors: readonly TargetDescriptor<any>[],
  locate: LocateOffset,
  modules: readonly ConfigModule[],
): ResolvedConfig {
  const configDir = path.dirname(file);
  const targets = parsed.targets.map((options, index): ConfiguredTarget => {
    const descriptor = descriptors.find((d) => d.language === options.language);
    // zod's discriminated union only lets registered languages through.
    if (descriptor === undefined) throw new Error(`no descriptor for "${options.language}"`);
    const out = path.resolve(configDir, options.out);
    const outNode = findNodeAtLocation(tree, ["targets", index, "out"]);
    return {
      index,
      descriptor,
      options: { ...options, out },
      outText: options.out,
      outPosition: locate(outNode?.offset ?? 0),
      outputDir: descriptor.outIsFolder ? out : path.dirname(out),
    };
  });
  const globs = (field: "include" | "exclude"): AuditGlob[] | undefined =>
    parsed.audit?.[field]?.map((pattern, i) => ({
      pattern,
      position: locate(findNodeAtLocation(tree, ["audit", field, i])?.offset ?? 0),
    }));
  return {
    file,
    configDir,
    sources: resolveSchemaSources(configDir, parsed.schema, locateSchemaField(tree, locate), modules),
    lockPath: resolveLockPath(configDir),
    targets,
    digestTable: findDigestTables(targets)[0]?.table ?? DEFAULT_TABLE_NAMES.meta,
    audit: {
      include: globs("include"),
      exclude: globs("exclude") ?? [],
      rules: (parsed.audit?.rules ?? {}) as AuditConfig["rules"],
    },
  };
}

/**
 * The checks of `modules` that need no disk: names (PG0120, at the key; a `renamedFrom` too, at
 * its value), two modules naming one file (PG0122, at the second path; compared after
 * resolving, so `a/x.ts` and `./a/x.ts` are one file), and a `renamedFrom` that names a current
 * module or that two modules claim (PG0123). Whether the files exist and stay inside the
 * repository is the pipeline's to check, which knows the root.
 */
function reportModuleProblems(
  file: string,
  modules: readonly ConfigModule[],
  rootSchema: string | undefined,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const configDir = path.dirname(file);
  const names = new Set(modules.map((m) => m.name));
  const owners = new Map<string, string>();
  if (rootSchema !== undefined) owners.set(path.resolve(configDir, rootSchema), "");
  const formerOwners = new Map<string, string>();
  const push = (code: Diagnostic["code"], at: { line: number; column: number }, message: string) =>
    diagnostics.push({ code, message, file, line: at.line, column: at.column });
  for (const module of modules) {
    const where = formatJsonPath(["modules", module.name]);
    if (!MODULE_NAME.test(module.name)) {
      push(
        Codes.InvalidModuleName,
        module.namePosition,
        `${where}: invalid module name ${JSON.stringify(module.name)}: use lowercase letters, digits and underscores, starting with a letter, such as "patients" (it starts every key of the module and every name generated from them)`,
      );
    }
    const resolved = path.resolve(configDir, module.schema);
    const owner = owners.get(resolved);
    if (owner === undefined) owners.set(resolved, module.name);
    else {
      push(
        Codes.ModuleFileShared,
        module.schemaPosition,
        owner === ""
          ? `${where}: ${JSON.stringify(module.schema)} is also the root schema (config "schema"); the root schema holds only roles, constraints and the namespace, so give the module a file of its own`
          : `${where}: ${JSON.stringify(module.schema)} is also the schema of module "${owner}"; each module has a file of its own`,
      );
    }
    const former = module.renamedFrom;
    if (former === undefined) continue;
    const at = module.renamedFromPosition ?? module.namePosition;
    if (!MODULE_NAME.test(former)) {
      push(
        Codes.InvalidModuleName,
        at,
        `${where}.renamedFrom: invalid module name ${JSON.stringify(former)}: use lowercase letters, digits and underscores, starting with a letter`,
      );
    } else if (former === module.name || names.has(former)) {
      push(
        Codes.ModuleRenameConflict,
        at,
        former === module.name
          ? `${where}.renamedFrom: a module is not renamed from its own name; remove "renamedFrom"`
          : `${where}.renamedFrom: "${former}" is still a module of this config; a module is renamed by changing its name, so remove the old entry or this "renamedFrom"`,
      );
    } else if (formerOwners.has(former)) {
      push(
        Codes.ModuleRenameConflict,
        at,
        `${where}.renamedFrom: modules "${formerOwners.get(former)}" and "${module.name}" are both renamed from "${former}"; only one module can take its keys`,
      );
    } else {
      formerOwners.set(former, module.name);
    }
  }
  return diagnostics;
}

/** Every target that writes a digest table, with the table's name, in config order. */
function findDigestTables(
  targets: readonly ConfiguredTarget[],
): { readonly target: ConfiguredTarget; readonly table: string }[] {
  return targets.flatMap((target) => {
    const table = target.descriptor.digestTable?.(target.options);
    return table === undefined ? [] : [{ target, table }];
  });
}

/**
 * A code target's start-up check reads one metadata table: every SQL target naming another one
 * than the first is reported at its `tables.meta` (at the target when the name is a default).
 * Without a code target the tables may differ freely.
 */
function reportDigestTableConflicts(
  config: ResolvedConfig,
  tree: JsonNode,
  locate: LocateOffset,
): Diagnostic[] {
  const reader = config.targets.find((t) => t.descriptor.readsDigestTable === true);
  if (reader === undefined) return [];
  const [first, ...rest] = findDigestTables(config.targets);
  if (first === undefined) return [];
  return rest
    .filter((entry) => entry.table !== first.table)
    .map((entry): Diagnostic => {
      const at = ["targets", entry.target.index, "tables", "meta"];
      const node =
        findNodeAtLocation(tree, at) ?? findNodeAtLocation(tree, ["targets", entry.target.index]);
      return {
        code: Codes.DigestTableConflict,
        message:
          `${formatJsonPath(at)}: ${JSON.stringify(entry.table)} differs from ` +
          `${JSON.stringify(first.table)} (${formatJsonPath(["targets", first.target.index, "tables", "meta"])}), ` +
          `and the start-up check of ${formatJsonPath(["targets", reader.index])} ` +
          `(${reader.descriptor.language}) reads one metadata table: give the SQL targets the same tables.meta`,
        file: config.file,
        ...locate(node?.offset ?? 0),
      };
    });
}

/** Each target's `checkOptions` problems, positioned at the JSON node (or key) they name. */
function reportOptionProblems(
  file: string,
  tree: JsonNode,
  config: ResolvedConfig,
  locate: LocateOffset,
): Diagnostic[] {
  return config.targets.flatMap((target) =>
    (target.descriptor.checkOptions?.(target.options) ?? []).map((problem) => {
      const at = ["targets", target.index, ...problem.path];
      const key = problem.atKey === true ? at.at(-1) : undefined;
      const parent = findNodeAtLocation(tree, at.slice(0, -1));
      const node = key === undefined ? findNearestNode(tree, at) : findKeyNode(parent, String(key));
      return {
        code: problem.code,
        message: `${formatJsonPath(at)}: ${problem.message}`,
        file,
        ...locate(node?.offset ?? findNearestNode(tree, at).offset),
      };
    }),
  );
}

/**
 * Each target's `modules` against the config's own `modules` (the module sources): a name the
 * config does not declare is PG0130 at that element (with a suggestion, or saying the config
 * declares no modules at all), a name listed twice PG0131 at its second place. A restricted
 * target that named a missing module would silently emit less than its author asked for.
 */
function reportTargetModules(
  file: string,
  tree: JsonNode,
  config: ResolvedConfig,
  locate: LocateOffset,
): Diagnostic[] {
  const declared = config.sources.flatMap((s) => (s.module === undefined ? [] : [s.module]));
  const known = new Set(declared);
  return config.targets.flatMap((target) => {
    const listed = target.options.modules ?? [];
    const seen = new Set<string>();
    return listed.flatMap((name, i): Diagnostic[] => {
      const at = ["targets", target.index, "modules", i];
      const position = locate(findNearestNode(tree, at).offset);
      if (seen.has(name)) {
        const message = `${formatJsonPath(at)}: module ${JSON.stringify(name)} is listed twice`;
        return [{ code: Codes.TargetModuleDuplicate, message, file, ...position }];
      }
      seen.add(name);
      if (known.has(name)) return [];
      const why =
        declared.length === 0
          ? '; this config declares no "modules"'
          : `; it is not one of the config's "modules"${formatSuggestion(name, declared)}`;
      const message = `${formatJsonPath(at)}: unknown module ${JSON.stringify(name)}${why}`;
      return [{ code: Codes.TargetModuleUnknown, message, file, ...position }];
    });
  });
}

function reportDuplicateOutputs(config: ResolvedConfig): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const owners = new Map<string, string>([[config.lockPath, `permgen itself (the lock file)`]]);
  for (const target of config.targets) {
    const where = formatJsonPath(["targets", target.index, "out"]);
    const owner = owners.get(target.options.out);
    if (owner === undefined) {
      owners.set(target.options.out, formatJsonPath(["targets", target.index]));
      continue;
    }
    diagnostics.push({
      code: Codes.DuplicateOutput,
      message: `${where}: ${JSON.stringify(target.outText)} is already written by ${owner}`,
      file: config.file,
      ...target.outPosition,
    });
  }
  return diagnostics;
}

function reportSyntaxErrors(file: string, errors: readonly ParseError[], locate: LocateOffset): Diagnostic[] {
  if (errors.length === 0) {
    return [{ code: Codes.ConfigSyntax, message: "invalid JSON: the file is empty", file, line: 1, column: 1 }];
  }
  // The parser recovers and may report follow-on errors at the same place; keep the first.
  const seen = new Set<number>();
  return errors
    .filter((e) => !seen.has(e.offset) && seen.add(e.offset))
    .map((e) => ({
      code: Codes.ConfigSyntax,
      message: `invalid JSON: ${describeJsonSyntaxError(e)}`,
      file,
      ...locate(e.offset),
    }));
}

function reportDuplicateKeys(file: string, node: JsonNode, locate: LocateOffset): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const visit = (n: JsonNode, at: readonly (string | number)[]): void => {
    if (n.type === "object") {
      const seen = new Set<string>();
      for (const property of n.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (keyNode === undefined) continue;
        const key = String(keyNode.value);
        if (seen.has(key)) {
          diagnostics.push({
            code: Codes.ConfigInvalid,
            message: `${formatJsonPath([...at, key])}: duplicate key ${JSON.stringify(key)}`,
            file,
            ...locate(keyNode.offset),
          });
        }
        seen.add(key);
        if (valueNode !== undefined) visit(valueNode, [...at, key]);
      }
    } else if (n.type === "array") {
      (n.children ?? []).forEach((child, i) => visit(child, [...at, i]));
    }
  };
  visit(node, []);
  return diagnostics;
}

function reportIssue(
  file: string,
  tree: JsonNode,
  value: unknown,
  issue: z.core.$ZodIssue,
  locate: LocateOffset,
  schema: z.ZodType<unknown, unknown>,
): Diagnostic[] {
  const at = issue.path.filter((s): s is string | number => typeof s !== "symbol");
  if (issue.code === "unrecognized_keys") {
    const objectNode = findNodeAtLocation(tree, at);
    const known = listKnownKeys(schema, value, at);
    return issue.keys.map((key) => ({
      code: Codes.ConfigInvalid,
      message: `${formatJsonPath([...at, key])}: unknown key ${JSON.stringify(key)}${formatSuggestion(key, known)}`,
      file,
      ...locate(findKeyNode(objectNode, key)?.offset ?? objectNode?.offset ?? 0),
    }));
  }
  const found = readAt(value, at);
  const prefix = at.length === 0 ? "" : `${formatJsonPath(at)}: `;
  let message: string;
  const choices = issue.code === "invalid_union" && "options" in issue ? issue.options : undefined;
  if (issue.code === "invalid_union" && issue.discriminator !== undefined && choices !== undefined) {
    const expected = choices.map((o) => JSON.stringify(o)).join("|");
    const languages = choices.filter((o): o is string => typeof o === "string");
    const suggestion =
      typeof found.value === "string" ? formatSuggestion(found.value, languages) : "";
    message = found.exists
      ? `unknown ${String(issue.discriminator)} ${JSON.stringify(found.value)}; expected one of ${expected}${suggestion}`
      : `required key is missing; expected one of ${expected}`;
  } else if (issue.code === "invalid_type" && !found.exists) {
    message = "required key is missing";
  } else {
    message = lowerFirst(issue.message);
  }
  return [
    {
      code: Codes.ConfigInvalid,
      message: prefix + message,
      file,
      ...locate(findNearestNode(tree, at).offset),
    },
  ];
}

/**
 * The keys the config schema allows in the object at `at` (for "did you mean"): walks the zod
 * schema along the path, choosing a target's options by its `language`. Empty when the path
 * leads nowhere known.
 */
function listKnownKeys(
  schema: z.ZodType<unknown, unknown>,
  value: unknown,
  at: readonly (string | number)[],
): string[] {
  let current: unknown = schema;
  let data: unknown = value;
  for (let i = 0; ; i++) {
    current = selectUnionOption(unwrapSchema(current), data);
    const def = readSchemaDef(current);
    if (i === at.length) return def?.type === "object" ? Object.keys(def.shape ?? {}) : [];
    const segment = at[i] as string | number;
    if (def?.type === "object") current = def.shape?.[String(segment)];
    else if (def?.type === "array") current = def.element;
    else return [];
    data = readAt(data, [segment]).value;
  }
}

/** What this module reads of a zod 4 schema's definition. */
interface SchemaDef {
  readonly type?: string;
  readonly shape?: Record<string, unknown>;
  readonly element?: unknown;
  readonly innerType?: unknown;
  readonly in?: unknown;
  readonly options?: readonly unknown[];
  readonly discriminator?: string;
  readonly values?: readonly unknown[];
}

function readSchemaDef(schema: unknown): SchemaDef | undefined {
  return (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;
}

/** Looks through optional, default and pipe wrappers to the schema that holds the shape. */
function unwrapSchema(schema: unknown): unknown {
  let current = schema;
  for (let def = readSchemaDef(current); def !== undefined; def = readSchemaDef(current)) {
    if (def.innerType !== undefined) current = def.innerType;
    else if (def.type === "pipe" && def.in !== undefined) current = def.in;
    else break;
  }
  return current;
}

/** The option of a discriminated union whose discriminator matches `data`; else `schema`. */
function selectUnionOption(schema: unknown, data: unknown): unknown {
  const def = readSchemaDef(schema);
  const key = def?.discriminator;
  if (def?.type !== "union" || key === undefined || def.options === undefined) return schema;
  const wanted = readAt(data, [key]).value;
  const option = def.options.find((o) => {
    const field = readSchemaDef(unwrapSchema(readSchemaDef(o)?.shape?.[key]));
    return field?.values?.includes(wanted) ?? false;
  });
  return option ?? schema;
}

function readAt(value: unknown, at: readonly (string | number)[]): { exists: boolean; value: unknown } {
  let current: unknown = value;
  for (const segment of at) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) {
      return { exists: false, value: undefined };
    }
    current = (current as Record<string | number, unknown>)[segment];
  }
  return { exists: true, value: current };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
