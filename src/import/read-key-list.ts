/**
 * `permgen import` readers for plain key lists: JSON (an array of keys, or an object of
 * key → id) and CSV (`key` or `key,id` per line, an optional header line naming those columns).
 * A list has no roles and no documentation; a list with ids also seeds the lock.
 */
import { findDeepJson, MAX_JSON_DEPTH } from "../loading/json-depth.js";
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { buildJsonLocator, describeJsonSyntaxError, parseJsonTree } from "../diagnostics/json-position.js";
import type { ImportedId, ImportedPermission, SourceReading } from "./imported-vocabulary.js";

const ID = /^(0|[1-9][0-9]*)$/;

/** Reads a JSON key list: `["alert.read", …]` or `{ "alert.read": 0, … }`. */
export function readJsonKeyList(file: string, text: string): SourceReading {
  const permissions: ImportedPermission[] = [];
  const ids: ImportedId[] = [];
  const diagnostics: Diagnostic[] = [];
  const locate = buildJsonLocator(text);
  const report = (code: Diagnostic["code"], offset: number, message: string): void => {
    diagnostics.push({ code, message, file, ...locate(offset) });
  };
  const deep = findDeepJson(text);
  if (deep !== undefined) {
    report(Codes.ImportUnsupported, deep, `brackets nested more than ${MAX_JSON_DEPTH} levels deep: a key list is flat`);
    return { file, permissions, roles: [], ids, doc: undefined, diagnostics };
  }
  const { tree, errors } = parseJsonTree(text);
  // One syntax error is enough: the parser's follow-on errors only repeat it.
  for (const error of errors.slice(0, 1)) {
    report(Codes.ImportSyntax, error.offset, `invalid JSON: ${describeJsonSyntaxError(error)}`);
  }
  if (errors.length > 0 || tree === undefined) {
    return { file, permissions, roles: [], ids, doc: undefined, diagnostics };
  }
  if (tree.type === "array") {
    for (const element of tree.children ?? []) {
      if (element.type !== "string") {
        report(Codes.ImportUnsupported, element.offset, "expected a permission key as a string");
        continue;
      }
      permissions.push({ key: String(element.value), doc: undefined, at: { file, ...locate(element.offset) } });
    }
  } else if (tree.type === "object") {
    for (const property of tree.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (keyNode === undefined || valueNode === undefined) continue;
      const key = String(keyNode.value);
      const at = { file, ...locate(keyNode.offset) };
      const raw = text.slice(valueNode.offset, valueNode.offset + valueNode.length);
      if (valueNode.type !== "number" || !ID.test(raw) || !Number.isSafeInteger(Number(raw))) {
        report(Codes.ImportUnsupported, valueNode.offset, `the id of ${JSON.stringify(key)} must be a non-negative integer`);
        continue;
      }
      permissions.push({ key, doc: undefined, at });
      ids.push({ key, id: Number(raw), at: { file, ...locate(valueNode.offset) } });
    }
  } else {
    report(Codes.ImportUnsupported, tree.offset, 'expected an array of keys or an object of "key": id');
  }
  return { file, permissions, roles: [], ids, doc: undefined, diagnostics };
}

/**
 * Reads a CSV key list: one key per line, or `key,id`; a first line `key` or `key,id` is a
 * header. Every line must have the same shape; a blank last line (a final newline) is fine.
 */
export function readCsvKeyList(file: string, text: string): SourceReading {
  const permissions: ImportedPermission[] = [];
  const ids: ImportedId[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  let width: number | undefined;
  for (const [index, raw] of lines.entries()) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line === "" && index === lines.length - 1) continue;
    if (index === 0 && /^"?key"?(,"?id"?)?$/i.test(line)) {
      width = line.includes(",") ? 2 : 1;
      continue;
    }
    const fields = line.split(",").map((f) => f.trim().replace(/^"(.*)"$/, "$1"));
    const at = { file, line: index + 1, column: 1 };
    const [key, id] = fields;
    const shape = fields.length === 2 && id !== undefined && ID.test(id) && Number.isSafeInteger(Number(id));
    if (key === undefined || (fields.length !== 1 && !shape) || (width !== undefined && fields.length !== width)) {
      const expected = width === 1 ? "`key`" : width === 2 ? "`key,id`" : "`key` or `key,id`";
      diagnostics.push({ code: Codes.ImportUnsupported, message: `expected ${expected}, found ${JSON.stringify(line)}`, ...at });
      continue;
    }
    width ??= fields.length;
    permissions.push({ key, doc: undefined, at });
    if (id !== undefined) ids.push({ key, id: Number(id), at: { ...at, column: (raw.indexOf(",") + 2) } });
  }
  return { file, permissions, roles: [], ids, doc: undefined, diagnostics };
}
