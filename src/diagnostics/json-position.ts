/**
 * Strict JSON read so that every message about it can point at a line and column: the parsed
 * tree with its offsets, offset → line/column, the node a JSON path leads to, and the tree's
 * plain value.
 *
 * Shared by the files permgen reads as JSON (the config, the lock, the SQL manifest); each keeps
 * its own codes and wording.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode } from "../loading/jsonc-parser.js";
import type { Node as JsonNode, ParseError } from "jsonc-parser";

/** A 1-based place in a JSON text. */
export interface JsonPosition {
  readonly line: number;
  readonly column: number;
}

/** A path into a JSON value: `["targets", 0, "out"]`. */
export type JsonPath = readonly (string | number)[];

/** Finds the 1-based line and column of an offset in the text it was built for. */
export type LocateOffset = (offset: number) => JsonPosition;

/**
 * Parses strict JSON (no comments, no trailing commas, not empty) into a tree that keeps each
 * node's offset. Returns the tree (undefined when nothing could be parsed) and every syntax
 * error, in text order; the parser recovers, so a tree may come with errors.
 */
export function parseJsonTree(text: string): { tree: JsonNode | undefined; errors: ParseError[] } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  return { tree, errors };
}

/** Describes a syntax error in words: `CloseBraceExpected` → "close brace expected". */
export function describeJsonSyntaxError(error: ParseError): string {
  return printParseErrorCode(error.error)
    .replace(/(?<=[a-z])(?=[A-Z])/g, " ")
    .toLowerCase();
}

/** Builds the offset → line/column lookup of a text (lines end at LF). */
export function buildJsonLocator(text: string): LocateOffset {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
  };
}

/** Finds the node at `at`, or its nearest ancestor that exists (the root at worst). */
export function findNearestNode(tree: JsonNode, at: JsonPath): JsonNode {
  for (let n = at.length; n > 0; n--) {
    const node = findNodeAtLocation(tree, at.slice(0, n));
    if (node !== undefined) return node;
  }
  return tree;
}

/** Finds the key node of `key` in an object node: where a message about the key itself points. */
export function findKeyNode(objectNode: JsonNode | undefined, key: string): JsonNode | undefined {
  return objectNode?.children?.find((p) => p.children?.[0]?.value === key)?.children?.[0];
}

/**
 * Reads a tree's plain value. Objects are built by hand rather than with jsonc-parser's
 * getNodeValue so a key like "__proto__" stays an own key.
 */
export function readNodeValue(node: JsonNode): unknown {
  switch (node.type) {
    case "object": {
      const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (keyNode === undefined || valueNode === undefined) continue;
        Object.defineProperty(out, String(keyNode.value), {
          value: readNodeValue(valueNode),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    case "array":
      return (node.children ?? []).map(readNodeValue);
    default:
      return node.value as unknown;
  }
}

/** Renders a zod/JSON path the way users write it: `targets[0].enumStyle`, `a["odd key"]`. */
export function formatJsonPath(segments: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (typeof segment === "string" && /^[A-Za-z_$][\w$]*$/.test(segment)) {
      out += out === "" ? segment : `.${segment}`;
    } else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}
