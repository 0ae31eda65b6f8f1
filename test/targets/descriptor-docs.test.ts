/**
 * Every field of every registered target's options schema is documented for the editor: the
 * JSON Schema derived from the zod schema (what `$schema` completion shows) gives each field,
 * nested ones included, a description; a field with a default states that exact default
 * (`Default: "enum"`), an optional field without one says what absence means (`Default: …`),
 * and a required field says `Required.`.
 */
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { TARGETS } from "../../src/targets/index.js";

/** A JSON Schema node, as far as this walk reads it. */
interface JsonSchemaNode {
  readonly description?: string;
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, JsonSchemaNode>>;
  readonly required?: readonly string[];
}

/** How a description writes a default: JSON for scalars, `{ "k": "v", … }` for objects. */
function formatDefault(value: unknown): string {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${formatDefault(v)}`);
    return `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value);
}

/** Every documentation problem of an object schema's fields, as `path: problem`. */
function findUndocumentedFields(node: JsonSchemaNode, at = ""): string[] {
  const required = new Set(node.required ?? []);
  return Object.entries(node.properties ?? {}).flatMap(([name, field]) => {
    const where = at === "" ? name : `${at}.${name}`;
    const text = field.description ?? "";
    const problems: string[] = [];
    if (text.trim() === "") problems.push(`${where}: no description`);
    else if (field.default !== undefined) {
      const stated = `Default: ${formatDefault(field.default)}`;
      if (!text.includes(stated)) problems.push(`${where}: does not say ${stated}`);
    } else if (!required.has(name)) {
      if (!text.includes("Default:")) problems.push(`${where}: optional but states no default`);
    } else if (name !== "language" && !text.includes("Required.")) {
      problems.push(`${where}: required but does not say "Required."`);
    }
    return [...problems, ...findUndocumentedFields(field, where)];
  });
}

/** The JSON Schema of a zod schema as the user types it (fields with defaults optional). */
function toInputJsonSchema(schema: z.ZodType<unknown>): JsonSchemaNode {
  return z.toJSONSchema(schema, { io: "input" }) as JsonSchemaNode;
}

describe("target option documentation", () => {
  test.each(TARGETS.map((t) => [t.language, t] as const))(
    "%s: every field has a description that states its default or says it is required",
    (_language, target) => {
      const schema = toInputJsonSchema(target.options);
      expect(Object.keys(schema.properties ?? {})).toContain("out");
      expect(schema.description ?? "", "the target itself is described").not.toBe("");
      expect(findUndocumentedFields(schema)).toEqual([]);
    },
  );

  test("the walk finds a missing description, a wrong default, a silent optional and a nested field", () => {
    const schema = z.strictObject({
      language: z.literal("x").describe("Selects x."),
      out: z.string().describe("The file. Required."),
      bare: z.string(),
      style: z.enum(["a", "b"]).default("a").describe('The style. Default: "b".'),
      quiet: z.boolean().optional().describe("Whether to be quiet."),
      nested: z
        .strictObject({ name: z.string().default("n").describe("A name.") })
        .default({ name: "n" })
        .describe('Nested. Default: { "name": "n" }.'),
    });
    expect(findUndocumentedFields(toInputJsonSchema(schema))).toEqual([
      "bare: no description",
      'style: does not say Default: "a"',
      "quiet: optional but states no default",
      'nested.name: does not say Default: "n"',
    ]);
  });
});
