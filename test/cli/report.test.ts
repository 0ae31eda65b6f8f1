import { describe, expect, it } from "vitest";
import {
  buildFixCommand,
  formatCheckReport,
  formatDiagnosticAnnotations,
  formatDiagnosticLines,
  formatDriftAnnotations,
  formatGenerateReport,
  formatJsonReport,
  formatTimings,
  formatVocabularySummary,
} from "../../src/cli/report.js";
import type { VocabularyChanges } from "../../src/lock/vocabulary-changes.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { Drift } from "../../src/index.js";

const CWD = "/repo";

const diagnostics: Diagnostic[] = [
  {
    code: "PG0207",
    message: "unknown action Action.Delete",
    file: "/repo/schema/permissions.ts",
    line: 12,
    column: 34,
  },
  {
    code: "PG0501",
    message: "config file not found",
    file: "/repo/sub/permgen.config.json",
  },
];

const diff =
  "--- generated/permissions.ts\n+++ generated/permissions.ts\n@@ -1,1 +1,1 @@\n-old\n+new\n";

describe("human output", () => {
  it("lists diagnostics compiler-style with a count", () => {
    expect(formatDiagnosticLines(diagnostics, CWD)).toBe(
      "schema/permissions.ts:12:34: error PG0207: unknown action Action.Delete\n" +
        "sub/permgen.config.json: error PG0501: config file not found\n" +
        "2 errors\n",
    );
    expect(formatDiagnosticLines(diagnostics.slice(0, 1), "/repo/sub")).toBe(
      "../schema/permissions.ts:12:34: error PG0207: unknown action Action.Delete\n1 error\n",
    );
  });

  it("aligns generate's listing and summarises it", () => {
    const text = formatGenerateReport(
      [
        { path: "/repo/generated/permissions.ts", status: "written" },
        { path: "/repo/permgen.lock.json", status: "unchanged" },
        { path: "/repo/generated/old.ts", status: "deleted" },
      ],
      { totalMs: 411.6, read: 3 },
      CWD,
    );
    expect(text).toBe(
      "written    generated/permissions.ts\n" +
        "unchanged  permgen.lock.json\n" +
        "deleted    generated/old.ts\n" +
        "permgen: 3 files (1 written, 1 unchanged, 1 deleted) in 412 ms\n",
    );
  });

  it("leaves out zero counts and says 1 file", () => {
    const text = formatGenerateReport(
      [{ path: "/repo/permgen.lock.json", status: "unchanged" }],
      { totalMs: 7 },
      CWD,
    );
    expect(text).toBe(
      "unchanged  permgen.lock.json\npermgen: 1 file (1 unchanged) in 7 ms\n",
    );
  });

  it("says how many files check found up to date", () => {
    expect(formatCheckReport([], 3, CWD, "permgen generate")).toBe(
      "permgen: 3 files up to date\n",
    );
    expect(formatCheckReport([], 1, CWD, "permgen generate")).toBe(
      "permgen: 1 file up to date\n",
    );
  });

  it("prints check's drift: diffs, missing and orphan lines, then the fix", () => {
    const drift: Drift[] = [
      { kind: "modified", path: "/repo/generated/permissions.ts", diff },
      { kind: "missing", path: "/repo/generated/other.ts" },
      { kind: "orphan", path: "/repo/generated/old.ts" },
    ];
    expect(
      formatCheckReport(
        drift,
        5,
        CWD,
        buildFixCommand("cfg/my config.json"),
      ),
    ).toBe(
      diff +
        "missing  generated/other.ts\n" +
        "orphan  generated/old.ts\n" +
        "permgen: 3 files out of date; run `permgen generate --config 'cfg/my config.json'` to update them\n",
    );
    expect(
      formatCheckReport(
        drift.slice(1, 2),
        5,
        CWD,
        buildFixCommand(undefined),
      ),
    ).toBe(
      "missing  generated/other.ts\n" +
        "permgen: 1 file out of date; run `permgen generate` to update it\n",
    );
  });

  it("starts check's drift with what changed in the vocabulary, then the count", () => {
    const vocabulary: VocabularyChanges = {
      renamed: [],
      added: [
        { key: "acme.settings.manage", id: 41, revived: false },
        { key: "acme.case.close", id: 7, revived: true },
      ],
      removed: [{ key: "acme.case.export", id: 10 }],
      roles: [
        { name: "admin", kind: "changed", gained: ["acme.settings.manage"], lost: [] },
        { name: "auditor", kind: "added", gained: ["acme.case.close"], lost: [] },
        { name: "guest", kind: "removed", gained: [], lost: ["acme.case.close", "acme.case.export"] },
        {
          name: "ops",
          kind: "changed",
          gained: ["a.a", "a.b", "a.c", "a.d"],
          lost: ["b.a", "b.b", "b.c"],
        },
      ],
      rolesKnown: true,
    };
    const drift: Drift[] = [{ kind: "missing", path: "/repo/generated/other.ts" }];
    expect(formatCheckReport(drift, 5, CWD, "permgen generate", vocabulary)).toBe(
      "permgen: vocabulary changes:\n" +
        "+ acme.settings.manage (id 41)\n" +
        "+ acme.case.close (id 7, restored)\n" +
        "- acme.case.export (id 10, retired)\n" +
        "~ role admin: +1 (+acme.settings.manage)\n" +
        "+ role auditor: 1 permission\n" +
        "- role guest: held 2 permissions\n" +
        "~ role ops: +4 -3 (+a.a, +a.b, +a.c, +a.d, -b.a, 2 more)\n" +
        "permgen: 1 file out of date\n" +
        "missing  generated/other.ts\n" +
        "permgen: 1 file out of date; run `permgen generate` to update it\n",
    );
  });

  it("says when nothing anyone holds changed, and what it cannot know", () => {
    const none: VocabularyChanges = { added: [], removed: [], renamed: [], roles: [], rolesKnown: true };
    expect(formatVocabularySummary(none)).toBe("permgen: no permission, id or grant changed\n");
    expect(formatVocabularySummary({ ...none, rolesKnown: false })).toBe(
      "permgen: no permission or id changed\n" +
        "permgen: role changes not shown: the lock was written before permgen recorded roles\n",
    );
  });

  it("prints at most 200 change lines and counts the rest", () => {
    const added = Array.from({ length: 250 }, (_, id) => ({ key: `r.a${id}`, id, revived: false }));
    const lines = formatVocabularySummary({ added, removed: [], renamed: [], roles: [], rolesKnown: true }).split("\n");
    expect(lines.length).toBe(1 + 200 + 1 + 1);
    expect(lines.at(-3)).toBe("+ r.a199 (id 199)");
    expect(lines.at(-2)).toBe("... and 50 more");
  });

  it("prints timings for --debug in the pipeline's stage order", () => {
    expect(
      formatTimings({ read: 1.2, model: 120.4, compare: 2, totalMs: 130 }),
    ).toBe(
      "permgen: timings: read 1 ms, model 120 ms, compare 2 ms, total 130 ms\n",
    );
  });
});

describe("GitHub Actions annotations", () => {
  it("annotates each diagnostic at its position, escaping the message", () => {
    const odd: Diagnostic = {
      code: "PG0503",
      message: "targets[0]: 100% wrong,\nreally",
      file: "/repo/a,b:c.json",
      line: 2,
      column: 5,
    };
    expect(formatDiagnosticAnnotations([...diagnostics, odd], CWD)).toBe(
      "::error file=schema/permissions.ts,line=12,col=34::PG0207: unknown action Action.Delete\n" +
        "::error file=sub/permgen.config.json::PG0501: config file not found\n" +
        "::error file=a%2Cb%3Ac.json,line=2,col=5::PG0503: targets[0]: 100%25 wrong,%0Areally\n",
    );
  });

  it("annotates each drifted file with the command that fixes it", () => {
    const drift: Drift[] = [
      { kind: "modified", path: "/repo/generated/permissions.ts", diff },
      { kind: "missing", path: "/repo/generated/other.ts" },
      { kind: "orphan", path: "/repo/generated/old.ts" },
    ];
    expect(formatDriftAnnotations(drift, CWD, "permgen generate")).toBe(
      "::error file=generated/permissions.ts,line=1,endLine=1::generated file is out of date; run `permgen generate` to update it\n" +
        "::error file=generated/other.ts,line=1,endLine=1::generated file is missing; run `permgen generate` to create it\n" +
        "::error file=generated/old.ts,line=1,endLine=1::file is no longer generated by permgen; run `permgen generate` to delete it\n",
    );
  });

  it("points an out-of-date file's annotation at the lines its first hunk changes on disk", () => {
    const hunk = (header: string, ...body: string[]): Drift => ({
      kind: "modified",
      path: "/repo/gen/a.ts",
      diff: `--- gen/a.ts\n+++ gen/a.ts\n${header}\n${body.join("\n")}\n@@ -90,1 +91,1 @@\n-z\n+y\n`,
    });
    const at = (d: Drift): string =>
      /line=(\d+),endLine=(\d+)/.exec(formatDriftAnnotations([d], CWD, "permgen generate"))?.slice(1).join("-") ?? "";
    // Three lines of context, then two lines replaced: lines 15 and 16 of the file on disk.
    expect(at(hunk("@@ -12,6 +12,5 @@", " a", " b", " c", "-d", "-e", "+f", " g"))).toBe("15-16");
    // Only additions after line 14: the annotation points at line 14.
    expect(at(hunk("@@ -12,4 +12,6 @@", " a", " b", " c", "+d", "+e", " g"))).toBe("14-14");
    // Additions at the top of the file, or to an empty file: line 1.
    expect(at(hunk("@@ -1,2 +1,3 @@", "+x", " a", " b"))).toBe("1-1");
    expect(at(hunk("@@ -0,0 +1,1 @@", "+x"))).toBe("1-1");
    // A removal right at the start, with "no newline" markers in between.
    expect(at(hunk("@@ -1,2 +1,1 @@", "-a", "\\ No newline at end of file", "-b", "+c"))).toBe("1-2");
  });
});

describe("JSON output", () => {
  it("has a fixed key order, relative paths and null positions", () => {
    const text = formatJsonReport(
      {
        ok: false,
        drift: [
          { kind: "modified", path: "/repo/generated/permissions.ts", diff },
          { kind: "missing", path: "/repo/generated/other.ts" },
        ],
        diagnostics,
      },
      CWD,
    );
    expect(text).toBe(
      `${JSON.stringify(
        {
          ok: false,
          drift: [
            { kind: "modified", path: "generated/permissions.ts", diff },
            { kind: "missing", path: "generated/other.ts" },
          ],
          diagnostics: [
            {
              code: "PG0207",
              message: "unknown action Action.Delete",
              file: "schema/permissions.ts",
              line: 12,
              column: 34,
            },
            {
              code: "PG0501",
              message: "config file not found",
              file: "sub/permgen.config.json",
              line: null,
              column: null,
            },
          ],
        },
        null,
        2,
      )}\n`,
    );
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      "ok",
      "drift",
      "diagnostics",
    ]);
  });
});

describe("text that could start a line or a workflow command (issue 8 item 5)", () => {
  const hostile = "/repo/gen/x\n::error title=Spoofed::all good\r\u2028\x9b.md";

  it("plain text quotes the path and keeps every line its own", () => {
    const text = formatCheckReport([{ kind: "orphan", path: hostile }], 1, CWD, "permgen generate");
    expect(text.split("\n")[0]).toBe('orphan  "gen/x\\n::error title=Spoofed::all good\\r\\u2028\\u009b.md"');
    const listing = formatGenerateReport([{ status: "deleted", path: hostile }], { totalMs: 1 }, CWD);
    expect(listing.split("\n")[0]).toBe('deleted    "gen/x\\n::error title=Spoofed::all good\\r\\u2028\\u009b.md"');
  });

  it("a diagnostic's path and message stay on one line", () => {
    const lines = formatDiagnosticLines(
      [{ code: "PG0205", message: "duplicate member Resource.a\n::error::x", file: "/repo/::warning::s.ts", line: 1, column: 2 }],
      CWD,
    );
    expect(lines).toBe('"::warning::s.ts":1:2: error PG0205: duplicate member Resource.a\\u000a::error::x\n1 error\n');
  });

  it("a diff line that would read as a command shows its first character escaped", () => {
    const diff = "--- gen/a.py\n+++ gen/a.py\n@@ -1,2 +1,2 @@\n     ::error title=Doc::x\n-a\r::error::cr\n+b\n";
    expect(formatCheckReport([{ kind: "modified", path: "/repo/gen/a.py", diff }], 1, CWD, "permgen generate")).toBe(
      "--- gen/a.py\n+++ gen/a.py\n@@ -1,2 +1,2 @@\n     \\u003a:error title=Doc::x\n-a\\u000d::error::cr\n+b\n" +
        "permgen: 1 file out of date; run `permgen generate` to update it\n",
    );
  });

  it("annotations use GitHub's escaping; JSON escapes every control character", () => {
    expect(formatDriftAnnotations([{ kind: "orphan", path: hostile }], CWD, "permgen generate")).toBe(
      "::error file=gen/x%0A%3A%3Aerror title=Spoofed%3A%3Aall good%0D\u2028\x9b.md,line=1,endLine=1::file is no longer generated by permgen; run `permgen generate` to delete it\n",
    );
    const json = formatJsonReport({ ok: false, drift: [{ kind: "orphan", path: hostile }], diagnostics: [] }, CWD);
    expect(json).not.toMatch(/[\r\u2028\x9b]/);
    expect(json.split("\n").some((line) => line.trimStart().startsWith("::"))).toBe(false);
    expect(JSON.parse(json).drift[0].path).toBe("gen/x\n::error title=Spoofed::all good\r\u2028\x9b.md");
  });
});

describe("permgen resolve's report", () => {
  it("keeps a hostile file name on its line: no raw control character reaches the terminal", async () => {
    const { formatResolveReport } = await import("../../src/cli/resolve.js");
    const text = formatResolveReport([], [], ["/repo/db/0002_\u001b[31mx\u2028::error y.sql"], "/repo");
    expect(text).not.toMatch(/[\u001b\u2028]/);
    expect(text.split("\n")).toHaveLength(4);
    expect(text).toContain("removed    ");
  });
});
