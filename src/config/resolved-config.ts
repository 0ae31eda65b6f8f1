/**
 * The resolved config: what the loader (load-config.ts) returns and every later stage reads.
 * Types only, so the output stage can name a config without loading the loader, zod or the
 * target registry.
 */
import type { JsonPosition } from "../diagnostics/json-position.js";
import type { BaseTargetOptions, TargetDescriptor } from "../targets/target.js";
import type { SchemaSources } from "./config-paths.js";
import type { FindingKind, RuleSetting } from "../audit/rules.js";

/** A 1-based place in the config file. */
export type ConfigPosition = JsonPosition;

/** One configured target, its paths resolved. */
export interface ConfiguredTarget {
  /** Index in the config's `targets` array. */
  readonly index: number;
  readonly descriptor: TargetDescriptor<any>;
  /** The parsed options (defaults applied), `out` resolved to an absolute path. */
  readonly options: BaseTargetOptions;
  /** `out` as written in the config, for messages. */
  readonly outText: string;
  /** Where the `out` value is in the config file. */
  readonly outPosition: ConfigPosition;
  /** The folder the target writes into: `out` for folder targets, else its parent. */
  readonly outputDir: string;
}

/** The config with every path absolute. */
export interface ResolvedConfig {
  /** Absolute path of the config file. */
  readonly file: string;
  /** The config file's folder: every relative path resolves against it. */
  readonly configDir: string;
  /** The schema files the config reads (see config-paths.ts): one today, the root schema. */
  readonly sources: SchemaSources;
  /** `<configDir>/permgen.lock.json`. */
  readonly lockPath: string;
  readonly targets: readonly ConfiguredTarget[];
  /**
   * The metadata table holding the `schema_digest` row: the SQL target's `tables.meta`, or
   * `permgen_meta` when no SQL target is configured. The code targets' start-up check reads it.
   */
  readonly digestTable: string;
  /** The `audit` section, read by `permgen audit` only. */
  readonly audit: AuditConfig;
}

/** One glob of `audit.include`/`audit.exclude`, as written, and where it is in the config. */
export interface AuditGlob {
  readonly pattern: string;
  readonly position: ConfigPosition;
}

/** The `audit` section with its defaults: no `include` means the whole repository. */
export interface AuditConfig {
  readonly include: readonly AuditGlob[] | undefined;
  readonly exclude: readonly AuditGlob[];
  readonly rules: Readonly<Partial<Record<FindingKind, RuleSetting>>>;
}
