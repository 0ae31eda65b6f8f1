/**
 * What a source reader of `permgen import` hands on: the permissions, roles and ids it found in
 * one existing vocabulary (a Python enum module, a Rust enum, a TypeScript enum, a key list),
 * each with the place it came from, and what it could not map. Plain data, no parser types, so
 * the schema writer (render-schema.ts) never knows which language a key came from.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";

/** A place in a source file: absolute path, 1-based line and column. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One permission key as the source spells it (namespace included), with its documentation. */
export interface ImportedPermission {
  readonly key: string;
  readonly doc: string | undefined;
  readonly at: SourcePosition;
}

/** A grant of an imported role: one key (where it was named), or every permission. */
export type ImportedGrant =
  | { readonly kind: "key"; readonly key: string; readonly at: SourcePosition }
  | { readonly kind: "all"; readonly at: SourcePosition };

/** A role (a group) and what it holds. */
export interface ImportedRole {
  readonly name: string;
  readonly doc: string | undefined;
  readonly grants: readonly ImportedGrant[];
  readonly at: SourcePosition;
}

/** An id the source itself gives a key (a `key,id` CSV, a JSON object, a numeric TS object). */
export interface ImportedId {
  readonly key: string;
  readonly id: number;
  readonly at: SourcePosition;
}

/** Everything one source yields. A reader reports instead of guessing: see `diagnostics`. */
export interface SourceReading {
  /** The source's absolute path. */
  readonly file: string;
  readonly permissions: readonly ImportedPermission[];
  readonly roles: readonly ImportedRole[];
  readonly ids: readonly ImportedId[];
  /** The documentation of the vocabulary as a whole (the permission enum's docstring). */
  readonly doc: string | undefined;
  /**
   * Documentation of resources and actions themselves (value → text) and of their enums, when
   * the source declares them apart (seed 000's Rust `Resource` and `Action` enums).
   */
  readonly memberDocs?: MemberDocs | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/** Docs for the schema's `Resource` and `Action` enums and their members. */
export interface MemberDocs {
  readonly resource: string | undefined;
  readonly action: string | undefined;
  readonly resources: ReadonlyMap<string, string>;
  readonly actions: ReadonlyMap<string, string>;
}

/** A permission key as the lock holds it: `resource.action`, the namespace included. */
export const IMPORT_KEY = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** A role name as the schema accepts it (CONTRACT §2). */
export const IMPORT_ROLE_NAME = /^[a-z][a-z0-9_]*$/;
