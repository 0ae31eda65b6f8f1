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

/** An entry's `description` field, from a model Doc. */
function descriptionOf(doc: Doc): string | null {
  return doc.description ?? null;
}

/** An entry's `deprecationReason` field: null when not deprecated or when no reason is given. */
function deprecationReasonOf(doc: Doc): string | null {
  return doc.deprecated === undefined || doc.deprecated === "" ? null : doc.deprecated;
}

/**
 * Builds the JSON target's document from the model and the lock this run leaves (its retired
 * keys): a plain object whose key order is the file's key order (see model-schema.ts). Each
 * entry is one object literal of fixed shape, its three doc fields (`description`,
 * `deprecated`, `deprecationReason`) written in place: spreading a doc object and an optional
 * module object into every one of 100,000 entries made two more objects per entry and entries
 * that `JSON.stringify` walks more slowly.
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
    resources: model.resources.map((r) =>
      modular && r.module !== undefined
        ? {
            value: r.value,
            name: r.name,
            module: r.module,
            description: descriptionOf(r.doc),
            deprecated: r.doc.deprecated !== undefined,
            deprecationReason: deprecationReasonOf(r.doc),
          }
        : {
            value: r.value,
            name: r.name,
            description: descriptionOf(r.doc),
            deprecated: r.doc.deprecated !== undefined,
            deprecationReason: deprecationReasonOf(r.doc),
          },
    ),
    actions: model.actions.map((a) => ({
      value: a.value,
      name: a.name,
      description: descriptionOf(a.doc),
      deprecated: a.doc.deprecated !== undefined,
      deprecationReason: deprecationReasonOf(a.doc),
    })),
    permissions: model.permissions.map((p) =>
      modular && p.module !== undefined
        ? {
            key: p.key,
            localKey: p.localKey,
            module: p.module,
            resource: p.resource.value,
            action: p.action.value,
            id: p.id,
            description: descriptionOf(p.doc),
            deprecated: p.doc.deprecated !== undefined,
            deprecationReason: deprecationReasonOf(p.doc),
          }
        : {
            key: p.key,
            localKey: p.localKey,
            resource: p.resource.value,
            action: p.action.value,
            id: p.id,
            description: descriptionOf(p.doc),
            deprecated: p.doc.deprecated !== undefined,
            deprecationReason: deprecationReasonOf(p.doc),
          },
    ),
    roles: model.roles.map((role) => ({
      name: role.name,
      description: descriptionOf(role.doc),
      deprecated: role.doc.deprecated !== undefined,
      deprecationReason: deprecationReasonOf(role.doc),
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
