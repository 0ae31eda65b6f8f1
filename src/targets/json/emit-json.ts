/**
 * The JSON emitter: the whole canonical model in one file, for tools that are not written in a
 * language permgen targets (admin UIs, policy engines, documentation sites, scripts).
 *
 * The file's shape, key order and format version are defined by `model-schema.ts`. The output is
 * `JSON.stringify` with two-space indentation and a trailing newline: keys in the fixed order
 * the object literals below build them, arrays in the schema's declaration order, strings
 * escaped as JSON does (plus `\uXXXX` for the line separators, C1, BOM and bidi controls it
 * leaves raw), no locale or time anywhere, so the bytes are the same on every machine.
 */
import type { Lock } from "../../lock/lock.js";
import type { Doc, Model } from "../../model/model.js";
import type { EmitContext, EmitResult } from "../target.js";
import { formatHeaderText } from "../../output/header.js";
import { escapeUnsafeJson } from "../unsafe-chars.js";
import type { JsonOptions } from "./descriptor.js";
import { type JsonModelFile, MODEL_FORMAT_VERSION } from "./model-schema.js";

/** The three documentation fields every entry carries, from a model Doc. */
function buildDocFields(doc: Doc): {
  description: string | null;
  deprecated: boolean;
  deprecationReason: string | null;
} {
  return {
    description: doc.description ?? null,
    deprecated: doc.deprecated !== undefined,
    deprecationReason:
      doc.deprecated === undefined || doc.deprecated === "" ? null : doc.deprecated,
  };
}

/**
 * Builds the JSON target's document from the model and the lock this run leaves (its retired
 * keys): a plain object whose key order is the file's key order (see model-schema.ts).
 */
export function buildJsonModel(model: Model, lock: Lock): JsonModelFile {
  const modular = model.modules.length > 0;
  return {
    $comment: formatHeaderText(model.header),
    formatVersion: MODEL_FORMAT_VERSION,
    schemaDigest: model.digest,
    namespace: model.namespace ?? null,
    // Module fields only with modules: a config without them keeps its file's bytes.
    ...(modular
      ? {
          modules: model.modules.map((m) => ({
            name: m.name,
            schema: m.path,
            renamedFrom: m.renamedFrom ?? null,
          })),
        }
      : {}),
    resources: model.resources.map((r) => ({
      value: r.value,
      name: r.name,
      ...(modular && r.module !== undefined ? { module: r.module } : {}),
      ...buildDocFields(r.doc),
    })),
    actions: model.actions.map((a) => ({
      value: a.value,
      name: a.name,
      ...buildDocFields(a.doc),
    })),
    permissions: model.permissions.map((p) => ({
      key: p.key,
      localKey: p.localKey,
      ...(modular && p.module !== undefined ? { module: p.module } : {}),
      resource: p.resource.value,
      action: p.action.value,
      id: p.id,
      ...buildDocFields(p.doc),
    })),
    roles: model.roles.map((role) => ({
      name: role.name,
      ...buildDocFields(role.doc),
      grants: role.grants.map((g) => g.text),
      permissions: role.permissions.map((p) => p.key),
    })),
    retired: [...lock.retired].sort((a, b) => a[1] - b[1]).map(([key, id]) => ({ key, id })),
  };
}

/**
 * Renders the JSON target's file text: the document of `buildJsonModel` as two-space JSON with
 * a trailing newline. The header is the `$comment` value on line 2, where permgen looks for it.
 */
export function renderJsonFile(model: Model, lock: Lock): string {
  return `${escapeUnsafeJson(JSON.stringify(buildJsonModel(model, lock), null, 2))}\n`;
}

/**
 * The JSON target's emitter: one file at `options.out`, already canonical (`format: "none"`).
 * Retired keys come from the lock this run leaves (`context.lock`).
 */
export function emitJson(
  model: Model,
  options: JsonOptions,
  context: EmitContext,
): EmitResult {
  const content = renderJsonFile(model, context.lock);
  return { ok: true, files: [{ path: options.out, content, format: "none" }] };
}
