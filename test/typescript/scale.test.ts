/**
 * The emitter at scale: 100,000 permissions (1,000 resources × 100 actions, a role holding all
 * of them) are emitted in one pass. The bound is generous for a loaded CI machine; building the
 * file statement by statement would take minutes.
 */
import { describe, expect, it } from "vitest";
import { emitTypeScript } from "../../src/targets/typescript/emit-typescript.js";
import { makeContext, makeModel } from "./make-model.js";
import { filesOf } from "../helpers/emit-result.js";

describe("emitTypeScript at scale", () => {
  it("emits 100,000 permissions, each listed once per declaration (timing: npm run bench)", () => {
    const resources = Array.from({ length: 1000 }, (_, i) => [`R${i}`, `res${i}.sub`] as const);
    const actions = Array.from({ length: 100 }, (_, i) => [`A${i}`, `act${i}`] as const);
    const model = makeModel({
      namespace: "big",
      resources,
      actions,
      permissions: resources.map(([, value]) => [value, actions.map(([, a]) => a)] as const),
      roles: [["admin", ["*"]]],
    });
    const [file] = filesOf(emitTypeScript(
      model,
      { language: "typescript", out: "/repo/permissions.ts", enumStyle: "enum" },
      makeContext(model),
    ));
    const content = file?.content ?? "";
    const count = (pattern: RegExp): number => content.match(pattern)?.length ?? 0;
    expect(count(/^\s*\| "big\.res\d+\.sub\.act\d+";?$/gm)).toBe(100_000);
    expect(count(/^\s*\["big\.res\d+\.sub\.act\d+", \d+\],$/gm)).toBe(100_000);
    expect(count(/^\s*"big\.res\d+\.sub\.act\d+",$/gm)).toBe(100_000);
    expect(content).toContain('  ["big.res999.sub.act99", 99999],\n');
  });
});
