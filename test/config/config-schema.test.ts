import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { renderConfigJsonSchema } from "../../src/config/config-schema.js";
import { TARGETS } from "../../src/targets/index.js";

const COMMITTED = new URL("../../permgen.config.schema.json", import.meta.url);

describe("permgen.config.schema.json", () => {
  it("is exactly what the zod config schema gives (run `npm run build` to refresh it)", () => {
    expect(fs.readFileSync(COMMITTED, "utf8")).toBe(renderConfigJsonSchema(TARGETS));
  });

  it("makes fields with defaults optional and rejects unknown keys, for editors", () => {
    const schema = JSON.parse(renderConfigJsonSchema(TARGETS)) as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { default?: unknown; description?: string }>;
    };
    expect(schema.required).toEqual(["targets"]);
    expect(schema.additionalProperties).toBe(false);
    // The default applies only without "modules" (issue 12), which a JSON Schema default
    // cannot say: the description does.
    expect(schema.properties["schema"]?.default).toBeUndefined();
    expect(schema.properties["schema"]?.description).toContain(
      'Default: "schema/permissions.ts" when there are no "modules"',
    );
    expect(schema.properties["modules"]?.description).toMatch(/\S/);
    for (const [key, property] of Object.entries(schema.properties)) {
      expect(property.description, `${key} is described`).toMatch(/\S/);
    }
  });

  it("describes every option of every target", () => {
    const schema = JSON.parse(renderConfigJsonSchema(TARGETS)) as {
      properties: { targets: { items: { oneOf: { properties: Record<string, { description?: string }> }[] } } };
    };
    const variants = schema.properties.targets.items.oneOf;
    expect(variants).toHaveLength(TARGETS.length);
    for (const variant of variants) {
      for (const [key, property] of Object.entries(variant.properties)) {
        expect(property.description, `${key} is described`).toMatch(/\S/);
      }
    }
  });
});
