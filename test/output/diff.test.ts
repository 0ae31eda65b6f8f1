import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyPatch } from "diff";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderFileDiff, renderLinePatch, renderMissingFileDiff } from "../../src/output/diff.js";

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

/** Applies a unified diff to `before` with a real tool in a temp folder; returns the result. */
function applyWith(tool: "patch" | "git", before: string, diff: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "permgen-diff-"));
  try {
    fs.writeFileSync(path.join(dir, "p.txt"), before);
    fs.writeFileSync(path.join(dir, "change.diff"), diff);
    const args =
      tool === "patch"
        ? ["-s", "-p0", "-i", "change.diff", "p.txt"]
        : ["apply", "--unsafe-paths", "-p0", "change.diff"];
    execFileSync(tool, args, { cwd: dir, stdio: "pipe" });
    return fs.readFileSync(path.join(dir, "p.txt"), "utf8");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `count` distinct lines, as generated code mostly is. */
function uniqueLines(count: number, tag = "line"): string[] {
  return Array.from({ length: count }, (_, i) => `${tag} ${i}\n`);
}

describe("large diffs (past the Myers bound) stay correct unified diffs", () => {
  const before = uniqueLines(3000).join("");
  // 400 new lines in 40 places, 30 lines removed, the last line loses its newline.
  const lines = uniqueLines(3000);
  for (let k = 39; k >= 0; k--) lines.splice(k * 70 + 5, 0, ...uniqueLines(10, `new ${k}`));
  lines.splice(2950, 30);
  const after = lines.join("").replace(/\n$/, "");

  it("uses the anchored diff, with one hunk per cluster of changes", () => {
    const diff = renderFileDiff("p.txt", before, after);
    expect(diff.startsWith("--- p.txt\n+++ p.txt\n@@ ")).toBe(true);
    // 40 insertion clusters, the removal and the last line: no whole-file replacement.
    expect(diff.match(/^@@ /gm)?.length).toBeGreaterThanOrEqual(41);
    expect(diff.match(/^-/gm)?.length).toBeLessThan(40);
    expect(diff).toContain("\\ No newline at end of file\n");
    expect(applyPatch(before, diff)).toBe(after);
  });

  it.each(["patch", "git"] as const)("%s applies it, oriented disk -> generated", (tool) => {
    expect(applyWith(tool, before, renderFileDiff("p.txt", before, after))).toBe(after);
  });

  it.each(["patch", "git"] as const)(
    "%s applies the replacement fallback for text without anchors (every line alike)",
    (tool) => {
      const same = "}\n".repeat(2000);
      const other = "}\n)\n".repeat(700) + "}\n".repeat(900);
      const diff = renderFileDiff("p.txt", same, other);
      expect(applyPatch(same, diff)).toBe(other);
      expect(applyWith(tool, same, diff)).toBe(other);
    },
  );

  it("the anchored diff is correct for random edits (small alphabet, newline or not at the end)", () => {
    const line = fc.constantFrom("a\n", "b\n", "c\n", "}\n", "", "x");
    const text = fc.array(line, { maxLength: 40 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const diff = renderLinePatch("p.txt", "p.txt", a, b);
        expect(applyPatch(a, diff)).toBe(b);
        if (a === b) expect(diff).toBe("--- p.txt\n+++ p.txt\n");
      }),
      { numRuns: 500 },
    );
  });
});
