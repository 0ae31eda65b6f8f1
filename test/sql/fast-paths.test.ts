/**
 * The SQL target's fast paths (issue 16) agree with the general ones they sit beside, over
 * random inputs: the string literal and the `--` comment line for text with no unsafe
 * character, the manifest records written with precomputed key prefixes (and their values
 * without JSON.stringify where it is plain), and the manifest's hand-written shape check
 * against zod's (it may send more to the full path, never accept what zod refuses, and returns
 * the same manifest when it accepts).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeUnsafeChars, escapeUnsafeJson } from "../../src/targets/unsafe-chars.js";
import {
  readManifestValue,
  readManifestValueWithZod,
  serializeManifest,
  stringifyRecordValue,
} from "../../src/targets/sql/migration-manifest.js";
import type { Manifest } from "../../src/targets/sql/migration-manifest.js";
import { DELTA_FIELDS } from "../../src/targets/sql/migration-delta.js";
import { DEFAULT_COLUMN_NAMES } from "../../src/targets/sql/sql-options.js";
import {
  renderLiteral,
  renderLiteralByChar,
  renderSqlLineComment,
} from "../../src/targets/sql/render-sql.js";

const GOLDEN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../golden");

/** Every manifest of the goldens: the shapes permgen writes (formats, columns, renames, …). */
function readGoldenManifests(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name === "permgen-migrations.json") found.push(fs.readFileSync(file, "utf8"));
    }
  };
  walk(GOLDEN);
  return found;
}

/** Text rich in what the escaping functions treat specially, and plain text. */
const hostileChar = fc.constantFrom(
  "a", "Z", "0", " ", "\t", "'", "''", '"', "\\", "\n", "\r", "\u0000", "\u001b", "\u007f",
  "\u0085", "\u00a0", "\u2028", "\u2029", "\ufeff", "\u202e", "\u2066", "\u3000", "é", "😀",
  "\ud800", "\udfff", "--", "*/", "$permgen$", ".", "_",
);
const text = fc.oneof(
  fc.string({ unit: hostileChar, maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ maxLength: 12 }),
);

describe("renderLiteral's fast path", () => {
  it("writes what the character loop writes, in both dialects and newline modes", () => {
    fc.assert(
      fc.property(
        text,
        fc.constantFrom("postgres" as const, "sqlite" as const),
        fc.constantFrom("raw" as const, "call" as const),
        (value, dialect, newlines) => {
          expect(renderLiteral(value, dialect, newlines)).toBe(
            renderLiteralByChar(value, dialect, newlines),
          );
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe("renderSqlLineComment's fast path", () => {
  it("writes the escaped text with its end trimmed, as the general form does", () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(renderSqlLineComment(value)).toBe(`-- ${escapeUnsafeChars(value)}`.trimEnd());
      }),
      { numRuns: 3000 },
    );
  });
});

/** The record writer before the key prefixes: each pair stringified, joined per record. */
const RECORD_KEYS: Readonly<Record<(typeof DELTA_FIELDS)[number], readonly string[]>> = {
  revoke: ["role", "id", "key"],
  removeRoles: ["name"],
  removePermissions: ["id", "key"],
  renamePermissions: ["id", "from", "key", "resource", "action"],
  renameRoles: ["from", "name"],
  describePermissions: ["id", "key", "description"],
  describeRoles: ["name", "description"],
  addPermissions: ["id", "key", "resource", "action", "description"],
  addRoles: ["name", "description"],
  grant: ["role", "id", "key"],
};

function serializeRecordsByPairs(field: (typeof DELTA_FIELDS)[number], records: object[]): string {
  const items = records.map((record) => {
    const values = record as Record<string, unknown>;
    const pairs = RECORD_KEYS[field].map(
      (key) => `${JSON.stringify(key)}:${escapeUnsafeJson(JSON.stringify(values[key] ?? null))}`,
    );
    return `        {${pairs.join(",")}}`;
  });
  return `      ${JSON.stringify(field)}: [\n${items.join(",\n")}\n      ]`;
}

describe("serializeManifest's records", () => {
  it("are written as the pair-by-pair writer wrote them, whatever the text", () => {
    const value = fc.oneof(text, fc.nat(), fc.constant(null));
    const record = fc.dictionary(
      fc.constantFrom("role", "id", "key", "name", "from", "resource", "action", "description"),
      value,
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...DELTA_FIELDS),
        fc.array(record, { minLength: 1, maxLength: 4 }),
        (field, records) => {
          const delta = Object.fromEntries(DELTA_FIELDS.map((f) => [f, f === field ? records : []]));
          const manifest = {
            dialect: "postgres",
            format: "plain",
            tables: { permission: "p", role: "r", rolePermission: "rp", meta: "m" },
            columns: DEFAULT_COLUMN_NAMES,
            migrations: [
              {
                file: "0001_x.sql",
                sha256: "0".repeat(64),
                transaction: true,
                delta: { ...delta, schemaDigest: null },
              },
            ],
          } as unknown as Manifest;
          const written = serializeManifest(manifest, "schema.ts");
          expect(written).toContain(`${serializeRecordsByPairs(field, records)}\n    }`);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("the manifest's text", () => {
  it("carries no bidi control or line separator raw: a description's is an escape, and reads back", () => {
    const description = "pair doc \u202e reversed \u2028 next \u2066 isolate";
    const manifest: Manifest = {
      dialect: "sqlite",
      format: "plain",
      tables: { permission: "permgen_permission", role: "permgen_role", rolePermission: "permgen_role_permission", meta: "permgen_meta" },
      columns: DEFAULT_COLUMN_NAMES,
      migrations: [
        {
          file: "0001_create_permission_tables.sql",
          sha256: "0".repeat(64),
          transaction: true,
          schema: "schema/\u202eevil.ts",
          delta: {
            ...Object.fromEntries(DELTA_FIELDS.map((f) => [f, []])),
            addPermissions: [{ id: 0, key: "a.b", resource: "a", action: "b", description }],
            schemaDigest: null,
          } as unknown as Manifest["migrations"][number]["delta"],
        },
      ],
    };
    const text = serializeManifest(manifest, "schema/\u202eevil.ts");
    expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
    expect(text).toContain("pair doc \\u202e reversed \\u2028 next \\u2066 isolate");
    expect(JSON.stringify(JSON.parse(text))).toContain(JSON.stringify(description).slice(1, -1));
  });
});

describe("stringifyRecordValue's fast paths", () => {
  it("write what JSON.stringify writes (unsafe characters escaped), for text, numbers and anything else", () => {
    const value = fc.oneof(
      text,
      fc.integer(),
      fc.nat(),
      fc.double(),
      fc.constantFrom(-0, 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER, NaN, Infinity, 1e21),
      fc.constantFrom(null, undefined, true, false),
      fc.jsonValue({ maxDepth: 2 }),
    );
    fc.assert(
      fc.property(value, (v) => {
        expect(stringifyRecordValue(v)).toBe(escapeUnsafeJson(JSON.stringify(v ?? null)));
      }),
      { numRuns: 5000 },
    );
  });
});

/** A JSON value in some spot of a manifest: what a hand edit might put there. */
const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    -1, 1.5, -0, 2 ** 53, Number.MAX_SAFE_INTEGER, 0, "", "x", null, true, false, [], {},
    "a".repeat(64), "0".repeat(64), "A".repeat(64), "0".repeat(63), "plain", "goose", "sqlite",
    "postgres", "mysql", 1, 2,
  ),
);
const keyName = fc.constantFrom(
  "__proto__", "extra", "file", "id", "key", "role", "name", "from", "to", "description",
  "adopt", "schema", "format", "columns", "schemaDigest", "grant", "constructor", "toString",
);

type Json = fc.JsonValue;

/** Every path to an object or array member inside `value`. */
function listPaths(value: Json, at: (string | number)[] = [], out: (string | number)[][] = []) {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push([...at, i]);
      listPaths(item, [...at, i], out);
    });
  } else if (value !== null && typeof value === "object") {
    for (const key of Object.keys(value)) {
      out.push([...at, key]);
      listPaths(value[key] ?? null, [...at, key], out);
    }
  }
  return out;
}

/** The container at `at` (all but the last step) and the last step. */
function reach(root: Json, at: readonly (string | number)[]): [Json, string | number] {
  let node: Json = root;
  for (const step of at.slice(0, -1)) node = (node as Record<string | number, Json>)[step] ?? null;
  return [node, at[at.length - 1] ?? 0];
}

/** Sets an own property, `__proto__` included, as JSON.parse does. */
function defineKey(target: object, key: string | number, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

describe("the manifest's hand-written shape check", () => {
  const manifests = readGoldenManifests();

  it("reads every golden manifest as zod does", () => {
    expect(manifests.length).toBeGreaterThan(5);
    for (const content of manifests) {
      const value: unknown = JSON.parse(content);
      const fast = readManifestValue(value);
      expect(fast).toBeDefined();
      expect(JSON.stringify(fast)).toBe(JSON.stringify(readManifestValueWithZod(value)));
    }
  });

  it("never accepts an edited manifest zod refuses, and reads one it accepts the same way", () => {
    const edit = fc.record({
      manifest: fc.nat({ max: manifests.length - 1 }),
      steps: fc.array(
        fc.record({
          kind: fc.constantFrom("replace", "delete", "add", "reorder"),
          pick: fc.nat(),
          key: keyName,
          value: replacement,
        }),
        { minLength: 1, maxLength: 3 },
      ),
    });
    let accepted = 0;
    fc.assert(
      fc.property(edit, ({ manifest, steps }) => {
        const root = JSON.parse(manifests[manifest] ?? "{}") as Json;
        for (const step of steps) {
          const paths = listPaths(root);
          const at = paths[step.pick % Math.max(paths.length, 1)];
          if (at === undefined) continue;
          const [container, last] = reach(root, at);
          if (container === null || typeof container !== "object") continue;
          const record = container as Record<string | number, Json>;
          if (step.kind === "replace") record[last] = step.value;
          else if (step.kind === "delete" && !Array.isArray(container)) delete record[last];
          else if (step.kind === "add" && !Array.isArray(container)) {
            defineKey(container, step.key, step.value);
          } else if (step.kind === "reorder" && !Array.isArray(container)) {
            // The same members in another order: zod's output follows its schema, not the file.
            const entries = Object.entries(container).reverse();
            for (const [key] of entries) delete record[key];
            for (const [key, v] of entries) defineKey(container, key, v ?? null);
          }
        }
        const fast = readManifestValue(root);
        const slow = readManifestValueWithZod(root);
        if (fast !== undefined) {
          accepted += 1;
          expect(slow).toBeDefined();
          expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
        }
      }),
      { numRuns: 3000 },
    );
    // The edits must leave some manifests valid, or the comparison above proves nothing.
    expect(accepted).toBeGreaterThan(100);
  });
});
