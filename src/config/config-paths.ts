/**
 * Which files a config names: its schema sources, each target's `out` and the lock, all
 * absolute. The one place that resolves them, light on purpose (jsonc-parser and node:path, no
 * zod, no target registry): the config loader resolves a validated config's paths through it,
 * and the verdict cache reads a config's text through `readConfigPaths`, so the two can never
 * disagree on where the schema is (the cache once re-parsed the JSON with its own copy of the
 * default path).
 *
 * A config has a list of schema sources: its `schema` field (or the default, when it has no
 * `modules`), then one per module of `modules` in config order, each named by its module.
 */
import path from "node:path";
import { findNodeAtLocation } from "../loading/jsonc-parser.js";
import { withoutByteOrderMark } from "../output/read-files.js";
import type { Node as JsonNode } from "jsonc-parser";
import type { JsonPosition, LocateOffset } from "../diagnostics/json-position.js";
import { buildJsonLocator, parseJsonTree, readNodeValue } from "../diagnostics/json-position.js";
import { LOCK_FILE_NAME } from "./file-names.js";
import type { ModuleRename } from "../model/resolve-renames.js";

/** The schema path used when the config has no `schema` field, relative to the config's folder. */
export const DEFAULT_SCHEMA_PATH = "schema/permissions.ts";

/** One schema file a config reads. */
export interface SchemaSource {
  /** Absolute path: what is read, and what diagnostics about its content name. */
  readonly file: string;
  /**
   * Relative to the config's folder, `/`-separated: how messages name it. Headers name it
   * relative to the repository root instead (the pipeline's job: config reading knows no root);
   * this form is only the older header form, still recognised for one transition.
   */
  readonly path: string;
  /** The module the file declares (config `modules`); undefined for the root schema. */
  readonly module: string | undefined;
  /** A module's former name (config `renamedFrom`), whose keys move to this one. */
  readonly renamedFrom?: string | undefined;
  /** Where the config names the file; undefined when the default applies. */
  readonly position: JsonPosition | undefined;
  /** Where the config names the module (its key in `modules`); undefined for the root schema. */
  readonly namePosition?: JsonPosition | undefined;
}

/** One entry of the config's `modules`, as written, with where it is in the config file. */
export interface ConfigModule {
  readonly name: string;
  /** The schema path as written (relative to the config's folder). */
  readonly schema: string;
  readonly renamedFrom: string | undefined;
  /** Where the module's key is. */
  readonly namePosition: JsonPosition;
  /** Where its schema path is. */
  readonly schemaPosition: JsonPosition;
  /** Where its `renamedFrom` value is, when it has one. */
  readonly renamedFromPosition: JsonPosition | undefined;
}

/**
 * A config's schema sources: never empty; the root schema (the config's `schema`) first when
 * there is one, then the modules in config order.
 */
export type SchemaSources = readonly [SchemaSource, ...SchemaSource[]];

/**
 * The modules the config renames (`renamedFrom`), as the model builder takes them: each placed
 * at the module's name in the config, the file being named `configFile` (the pipeline gives
 * the path, `diff` the path at its ref).
 */
export function listModuleRenames(sources: SchemaSources, configFile: string): ModuleRename[] {
  return sources.flatMap((source) =>
    source.module === undefined || source.renamedFrom === undefined
      ? []
      : [{
          name: source.module,
          from: source.renamedFrom,
          position: { file: configFile, ...(source.namePosition ?? { line: 1, column: 1 }) },
        }],
  );
}

/** The files a config names, absolute, as `readConfigPaths` reads them. */
export interface ConfigPaths {
  readonly configDir: string;
  readonly sources: SchemaSources;
  /** Each target's `out`, in config order. */
  readonly outs: readonly string[];
  readonly lockPath: string;
}

/**
 * The schema sources of a config in `configDir` whose `schema` field is `schema` (undefined:
 * absent) at `position` in the config file, and whose `modules` are `modules` (undefined or
 * empty: none). The default schema applies only when both are absent: a config of modules
 * has a root schema only when it names one.
 */
export function resolveSchemaSources(
  configDir: string,
  schema: string | undefined,
  position: JsonPosition | undefined,
  modules: readonly ConfigModule[] = [],
): SchemaSources {
  const resolve = (text: string): { file: string; path: string } => {
    const file = path.resolve(configDir, text);
    return { file, path: path.relative(configDir, file).split(path.sep).join("/") };
  };
  const moduleSources = modules.map(
    (m): SchemaSource => ({
      ...resolve(m.schema),
      module: m.name,
      renamedFrom: m.renamedFrom,
      position: m.schemaPosition,
      namePosition: m.namePosition,
    }),
  );
  const [firstModule, ...otherModules] = moduleSources;
  if (schema === undefined && firstModule !== undefined) return [firstModule, ...otherModules];
  const root: SchemaSource = { ...resolve(schema ?? DEFAULT_SCHEMA_PATH), module: undefined, position };
  return [root, ...moduleSources];
}

/**
 * The entries of a config's `modules` object node, in file order, or undefined when it is not
 * an object of schema paths and `{ "schema": path, "renamedFrom"?: name }` objects (the loader
 * reports why). Each carries the positions the loader's checks point at.
 */
export function readConfigModules(
  tree: JsonNode,
  locate: LocateOffset,
): ConfigModule[] | undefined {
  const node = findNodeAtLocation(tree, ["modules"]);
  if (node === undefined) return [];
  if (node.type !== "object") return undefined;
  const modules: ConfigModule[] = [];
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode === undefined || valueNode === undefined) return undefined;
    const name = String(keyNode.value);
    if (valueNode.type === "string") {
      const schema = String(valueNode.value);
      const at = locate(valueNode.offset);
      modules.push({ name, schema, renamedFrom: undefined, namePosition: locate(keyNode.offset), schemaPosition: at, renamedFromPosition: undefined });
      continue;
    }
    const schemaNode = findNodeAtLocation(valueNode, ["schema"]);
    const renamedNode = findNodeAtLocation(valueNode, ["renamedFrom"]);
    if (valueNode.type !== "object" || schemaNode?.type !== "string") return undefined;
    if (renamedNode !== undefined && renamedNode.type !== "string") return undefined;
    modules.push({
      name,
      schema: String(schemaNode.value),
      renamedFrom: renamedNode === undefined ? undefined : String(renamedNode.value),
      namePosition: locate(keyNode.offset),
      schemaPosition: locate(schemaNode.offset),
      renamedFromPosition: renamedNode === undefined ? undefined : locate(renamedNode.offset),
    });
  }
  return modules;
}

/** The lock file of a config in `configDir`: it always lives next to the config. */
export function resolveLockPath(configDir: string): string {
  return path.join(configDir, LOCK_FILE_NAME);
}

/** Where the config's `schema` value is, when the field is there. */
export function locateSchemaField(tree: JsonNode, locate: LocateOffset): JsonPosition | undefined {
  const node = findNodeAtLocation(tree, ["schema"]);
  return node === undefined ? undefined : locate(node.offset);
}

/**
 * Reads the paths of the config at `file` from its text without validating the rest: the
 * strict JSON reader the loader uses, then only `schema`, `modules` and each target's `out`. Undefined
 * when the text is not JSON of that shape (a `schema` that is not a string, `targets` that is
 * not an array of objects with a string `out`): the caller then takes the full path, whose
 * loader reports why.
 */
export function readConfigPaths(file: string, text: string): ConfigPaths | undefined {
  text = withoutByteOrderMark(text);
  const { tree, errors } = parseJsonTree(text);
  if (tree === undefined || errors.length > 0) return undefined;
  const locate = buildJsonLocator(text);
  const modules = readConfigModules(tree, locate);
  if (modules === undefined) return undefined;
  return buildConfigPaths(file, readNodeValue(tree), locateSchemaField(tree, locate), modules);
}

/**
 * The same paths as `readConfigPaths`, without positions, read with `JSON.parse`: what the
 * verdict cache reads (jsonc-parser stays unloaded). The two agree on every text the config
 * loader accepts (strict JSON, no duplicate keys; a test compares them over random configs);
 * on others this one may return paths where the other returns undefined, which is harmless
 * there: the cache is keyed on the config's bytes, and no run stored an entry for bytes the
 * loader rejected.
 */
export function readConfigFiles(file: string, text: string): ConfigPaths | undefined {
  let value: unknown;
  try {
    value = JSON.parse(withoutByteOrderMark(text)) as unknown;
  } catch {
    return undefined;
  }
  const modules = isRecord(value) ? readModuleValues(value["modules"]) : undefined;
  if (modules === undefined) return undefined;
  return buildConfigPaths(file, value, undefined, modules);
}

/** `modules` as a plain value, in `readConfigModules`' shape without positions. */
function readModuleValues(value: unknown): ConfigModule[] | undefined {
  if (value === undefined) return [];
  if (!isRecord(value)) return undefined;
  const nowhere = { line: 1, column: 1 };
  const modules: ConfigModule[] = [];
  for (const [name, entry] of Object.entries(value)) {
    let schema: unknown = entry;
    let renamedFrom: unknown;
    if (typeof entry !== "string") {
      if (!isRecord(entry)) return undefined;
      schema = entry["schema"];
      renamedFrom = entry["renamedFrom"];
    }
    if (typeof schema !== "string") return undefined;
    if (renamedFrom !== undefined && typeof renamedFrom !== "string") return undefined;
    modules.push({
      name,
      schema,
      renamedFrom,
      namePosition: nowhere,
      schemaPosition: nowhere,
      renamedFromPosition: undefined,
    });
  }
  return modules;
}

function buildConfigPaths(
  file: string,
  value: unknown,
  schemaPosition: JsonPosition | undefined,
  modules: readonly ConfigModule[],
): ConfigPaths | undefined {
  if (!isRecord(value) || !Array.isArray(value["targets"])) return undefined;
  const schema = value["schema"];
  if (schema !== undefined && typeof schema !== "string") return undefined;
  const configDir = path.dirname(file);
  const outs: string[] = [];
  for (const target of value["targets"] as unknown[]) {
    const out = isRecord(target) ? target["out"] : undefined;
    if (typeof out !== "string") return undefined;
    outs.push(path.resolve(configDir, out));
  }
  return {
    configDir,
    sources: resolveSchemaSources(configDir, schema, schemaPosition, modules),
    outs,
    lockPath: resolveLockPath(configDir),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
