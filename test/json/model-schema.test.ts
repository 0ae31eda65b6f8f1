/** The shipped JSON Schema of the JSON target's file: derived from zod, never drifting. */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { MODEL_SCHEMA_ID, renderModelJsonSchema } from "../../src/targets/json/model-schema.js";

const COMMITTED = new URL("../../schemas/permgen-model.schema.json", import.meta.url);
const PACKAGE_JSON = new URL("../../package.json", import.meta.url);

interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly properties?: Record<string, SchemaNode>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly items?: SchemaNode;
  readonly anyOf?: readonly SchemaNode[];
  readonly description?: string;
}

/** Every object schema in the tree, with its path. */
function listObjectSchemas(node: SchemaNode, at: string): [string, SchemaNode][] {
  const found: [string, SchemaNode][] = node.type === "object" ? [[at, node]] : [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    found.push(...listObjectSchemas(child, `${at}.${key}`));
  }
  if (node.items !== undefined) found.push(...listObjectSchemas(node.items, `${at}[]`));
  for (const [i, child] of (node.anyOf ?? []).entries()) {
    found.push(...listObjectSchemas(child, `${at}|${i}`));
  }
  return found;
}

/** The fields only a config with modules has (the JSON target's file, issue 12). */
const MODULE_ONLY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  $: ["modules"],
  "$.resources[]": ["module"],
  "$.permissions[]": ["module"],
};

describe("schemas/permgen-model.schema.json", () => {
  test("is exactly what the zod schema gives (run `npm run build` to refresh it)", () => {
    expect(readFileSync(COMMITTED, "utf8")).toBe(renderModelJsonSchema());
  });

  test("is draft 2020-12 with a stable $id, and every object is closed and fully required but the module fields", () => {
    const schema = JSON.parse(renderModelJsonSchema()) as SchemaNode & Record<string, unknown>;
    expect(Object.keys(schema).slice(0, 3)).toEqual(["$schema", "$id", "title"]);
    expect(schema["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema["$id"]).toBe(MODEL_SCHEMA_ID);
    const objects = listObjectSchemas(schema, "$");
    expect(objects.map(([at]) => at)).toEqual([
      "$",
      "$.modules[]",
      "$.resources[]",
      "$.actions[]",
      "$.permissions[]",
      "$.roles[]",
      "$.retired[]",
    ]);
    for (const [at, node] of objects) {
      expect(node.additionalProperties, at).toBe(false);
      // Issue 12: present exactly when the config has modules, so other files keep their bytes.
      const moduleOnly = MODULE_ONLY_FIELDS[at] ?? [];
      expect(node.required, at).toEqual(
        Object.keys(node.properties ?? {}).filter((key) => !moduleOnly.includes(key)),
      );
      for (const [key, property] of Object.entries(node.properties ?? {})) {
        expect(property.description, `${at}.${key} is described`).toMatch(/\S/);
      }
    }
  });

  test("ships with the package under the export permgen/permgen-model.schema.json", () => {
    const pkg = JSON.parse(readFileSync(PACKAGE_JSON, "utf8")) as {
      files: string[];
      exports: Record<string, unknown>;
    };
    expect(pkg.files).toContain("schemas");
    expect(pkg.exports["./permgen-model.schema.json"]).toBe("./schemas/permgen-model.schema.json");
  });
});
