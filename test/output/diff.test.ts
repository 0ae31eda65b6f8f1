import { describe, expect, it } from "vitest";
import { renderFileDiff, renderMissingFileDiff } from "../../src/output/diff.js";

describe("renderFileDiff", () => {
  it("shows what generate would add as + lines, with plain --- / +++ headers", () => {
    const onDisk = "a\nb\nc\nd\ne\nf\ng\nh\n";
    const expected = "a\nb\nc\nd\nNEW\ne\nf\ng\nh\n";
    expect(renderFileDiff("gen/p.ts", onDisk, expected)).toBe(
      [
        "--- gen/p.ts",
        "+++ gen/p.ts",
        "@@ -2,6 +2,7 @@",
        " b",
        " c",
        " d",
        "+NEW",
        " e",
        " f",
        " g",
        "",
      ].join("\n"),
    );
  });

  it("shows a hand edit as the line generate would remove", () => {
    expect(renderFileDiff("p.ts", "x\nhand edit\n", "x\n")).toBe(
      ["--- p.ts", "+++ p.ts", "@@ -1,2 +1,1 @@", " x", "-hand edit", ""].join("\n"),
    );
  });
});

describe("renderMissingFileDiff", () => {
  it("creates the file from /dev/null", () => {
    expect(renderMissingFileDiff("gen/p.ts", "one\ntwo\n")).toBe(
      ["--- /dev/null", "+++ gen/p.ts", "@@ -0,0 +1,2 @@", "+one", "+two", ""].join("\n"),
    );
  });
});
