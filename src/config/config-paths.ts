/**
 * Which files a config names: its schema sources, each target's `out` and the lock, all
 * absolute. The one place that resolves them, light on purpose (jsonc-parser and node:path, no
 * zod, no target registry): the config loader resolves a validated config's paths through it,
 * and the verdict cache reads a config's text through `readConfigPaths`, so the two can never
 * disagree on where the schema is (the cache once re-parsed the JSON with its own copy of the
 * default path).
 *
 * A config has a list of schema sources: today exactly one, its `schema` field (or the
 * default); the modules issue adds one per module, each named by its module.
 */
import path from "node:path";
import { findNodeAtLocation } from "jsonc-parser";
import type { Node as JsonNode } from "jsonc-parser";
import type { JsonPosition, LocateOffset } from "../diagnostics/json-position.js";
import { buildJsonLocator, parseJsonTree, readNodeValue } from "../diagnostics/json-position.js";
import { LOCK_FILE_NAME } from "./file-names.js";

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
  /** The module the file declares; undefined for the root schema (the only kind today). */
  readonly module: string | undefined;
  /** Where the config names the file; undefined when the default applies. */
  readonly position: JsonPosition | undefined;
}

/** A config's schema sources: never empty, the root schema (the config's `schema`) first. */
export type SchemaSources = readonly [SchemaSource, ...SchemaSource[]];

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
 * absent, the default applies) at `position` in the config file.
 */
export function resolveSchemaSources(
  configDir: string,
  schema: string | undefined,
  position: JsonPosition | undefined,
): SchemaSources {
  const file = path.resolve(configDir, schema ?? DEFAULT_SCHEMA_PATH);
  const relative = path.relative(configDir, file).split(path.sep).join("/");
  return [{ file, path: relative, module: undefined, position }];
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
 * strict JSON reader the loader uses, then only `schema` and each target's `out`. Undefined
 * when the text is not JSON of that shape (a `schema` that is not a string, `targets` that is
 * not an array of objects with a string `out`): the caller then takes the full path, whose
 * loader reports why.
 */
export function readConfigPaths(file: string, text: string): ConfigPaths | undefined {
  const { tree, errors } = parseJsonTree(text);
  if (tree === undefined || errors.length > 0) return undefined;
  const value = readNodeValue(tree);
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
  const position = locateSchemaField(tree, buildJsonLocator(text));
  return {
    configDir,
    sources: resolveSchemaSources(configDir, schema, position),
    outs,
    lockPath: resolveLockPath(configDir),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
