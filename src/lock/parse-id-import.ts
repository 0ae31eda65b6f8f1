/**
 * The file `permgen lock --import FILE` adopts ids from: key → id, as CSV (`key,id` lines, an
 * optional header line `key,id`) or as a JSON object (`{ "soc.alert.read": 0 }`), chosen by
 * the `.json` extension. Strict for the same reason as the lock parser: these ids become the
 * lock, so a line that is not exactly a key and an id is an error at its place, never skipped.
 */
import type { Node } from "jsonc-parser";
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import {
  buildJsonLocator,
  describeJsonSyntaxError,
  parseJsonTree,
} from "../diagnostics/json-position.js";
import type { JsonPosition } from "../diagnostics/json-position.js";
import { MAX_PERMISSION_IDS } from "./id-bound.js";

/** A permission key with its namespace, as the lock holds it. */
const KEY = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const ID = /^(0|[1-9][0-9]*)$/;

/** What parsing gives: key → id in file order, or every problem found. */
export type ParseIdImportResult =
  | { readonly ok: true; readonly ids: ReadonlyMap<string, number> }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Parses an import file (`file` is its absolute path, for diagnostics). Reports, each at its
 * place (PG0714): a line or entry that is not a key and a non-negative integer id, a key that
 * is not a permission key (`resource.action`, with the namespace), an id at or past the bound
 * of src/lock/id-bound.ts, a key listed twice and an id given to two keys; an empty file too.
 */
export function parseIdImport(file: string, text: string): ParseIdImportResult {
  const diagnostics: Diagnostic[] = [];
  const entries: { key: string; id: number; at: JsonPosition; idAt: JsonPosition }[] = [];
  if (file.toLowerCase().endsWith(".json")) readJson(file, text, entries, diagnostics);
  else readCsv(file, text, entries, diagnostics);
  const ids = new Map<string, number>();
  const owners = new Map<number, string>();
  const report = (at: JsonPosition, message: string): void => {
    diagnostics.push({ code: Codes.LockImport, message, file, ...at });
  };
  for (const { key, id, at, idAt } of entries) {
    if (!KEY.test(key)) {
      const what = JSON.stringify(key);
      report(at, `${what} is not a permission key (\`resource.action\`, with the namespace if the schema has one)`);
    } else if (id >= MAX_PERMISSION_IDS) {
      const bound = MAX_PERMISSION_IDS - 1;
      report(idAt, `id ${id} of "${key}" is past permgen's bound: ids are 0 to ${bound}`);
    } else if (ids.has(key)) {
      report(at, `"${key}" is listed twice (first with id ${ids.get(key)})`);
    } else if (owners.has(id)) {
      report(idAt, `id ${id} of "${key}" is already the id of "${owners.get(id)}"`);
    } else {
      ids.set(key, id);
      owners.set(id, key);
    }
  }
  if (diagnostics.length === 0 && ids.size === 0) {
    report({ line: 1, column: 1 }, "the file holds no ids");
  }
  return diagnostics.length > 0 ? { ok: false, diagnostics } : { ok: true, ids };
}

/** `key,id` per line; CRLF and a final newline are fine, as is one header line `key,id`. */
function readCsv(
  file: string,
  text: string,
  entries: { key: string; id: number; at: JsonPosition; idAt: JsonPosition }[],
  diagnostics: Diagnostic[],
): void {
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  for (const [index, raw] of lines.entries()) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line === "" && index === lines.length - 1) continue;
    if (index === 0 && /^"?key"?,"?id"?$/i.test(line)) continue;
    const fields = line.split(",");
    const [key, id] = fields.map((f) => f.trim().replace(/^"(.*)"$/, "$1"));
    const at = { line: index + 1, column: 1 };
    const valid = fields.length === 2 && key !== undefined && id !== undefined && ID.test(id);
    if (!valid || !Number.isSafeInteger(Number(id))) {
      diagnostics.push({
        code: Codes.LockImport,
        message: `expected \`key,id\` (a permission key and a non-negative integer), found ${JSON.stringify(line)}`,
        file,
        ...at,
      });
      continue;
    }
    const idAt = { line: index + 1, column: (fields[0]?.length ?? 0) + 2 };
    entries.push({ key, id: Number(id), at, idAt });
  }
}

/** One object of `"key": id`. */
function readJson(
  file: string,
  text: string,
  entries: { key: string; id: number; at: JsonPosition; idAt: JsonPosition }[],
  diagnostics: Diagnostic[],
): void {
  const locate = buildJsonLocator(text);
  const { tree, errors } = parseJsonTree(text);
  const report = (offset: number, message: string): void => {
    diagnostics.push({ code: Codes.LockImport, message, file, ...locate(offset) });
  };
  // One syntax error is enough: the parser's follow-on errors only repeat it.
  for (const error of errors.slice(0, 1)) {
    report(error.offset, `invalid JSON: ${describeJsonSyntaxError(error)}`);
  }
  if (errors.length > 0 || tree === undefined) return;
  if (tree.type !== "object") {
    report(tree.offset, 'expected an object of "key": id');
    return;
  }
  for (const property of tree.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode === undefined || valueNode === undefined) continue;
    const raw = text.slice(valueNode.offset, valueNode.offset + valueNode.length);
    if (!isIdNode(valueNode, raw)) {
      const key = JSON.stringify(String(keyNode.value));
      const found = raw.length > 40 ? `${raw.slice(0, 37)}...` : raw;
      report(valueNode.offset, `the id of ${key} must be a non-negative integer, found ${found}`);
      continue;
    }
    entries.push({
      key: String(keyNode.value),
      id: Number(raw),
      at: locate(keyNode.offset),
      idAt: locate(valueNode.offset),
    });
  }
}

function isIdNode(node: Node, raw: string): boolean {
  return node.type === "number" && ID.test(raw) && Number.isSafeInteger(Number(raw));
}
