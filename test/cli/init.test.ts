import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatInitReport, hasRecipe, planGitattributes, planInit } from "../../src/cli/init.js";
import type { InitTemplates } from "../../src/cli/init.js";
import { BIN, ensureBuilt, makeRepo, ROOT, runCli } from "./run-cli.js";

const templates: InitTemplates = {
  schema: "SCHEMA\n",
  config: "CONFIG\n",
  recipe: "permission-codegen-check:\n    %%command%%\n",
  workflow:
    "jobs:\n  permgen-check:\n%%defaults%%    steps:\n      - run: %%command%%\n",
};

const nothingExists = (): boolean => false;

describe("planInit", () => {
  it("creates every file in an empty folder at the repository root", () => {
    const steps = planInit(templates, {
      configFile: "/repo/permgen.config.json",
      repoRoot: "/repo",
      justfile: undefined,
      exists: nothingExists,
    });
    expect(steps).toEqual([
      {
        kind: "create",
        path: "/repo/schema/permissions.ts",
        content: "SCHEMA\n",
      },
      {
        kind: "create",
        path: "/repo/permgen.config.json",
        content: "CONFIG\n",
      },
      {
        kind: "create",
        path: "/repo/justfile",
        content: "permission-codegen-check:\n    npx permgen check\n",
      },
      {
        kind: "create",
        path: "/repo/.github/workflows/permgen.yml",
        content:
          "jobs:\n  permgen-check:\n    steps:\n      - run: npx permgen check\n",
      },
    ]);
  });

  it("puts the workflow at the git root, running in the config's folder with its file name", () => {
    const steps = planInit(templates, {
      configFile: "/repo/services/api/perms.json",
      repoRoot: "/repo",
      justfile: undefined,
      exists: nothingExists,
    });
    expect(steps.map((s) => s.path)).toEqual([
      "/repo/services/api/schema/permissions.ts",
      "/repo/services/api/perms.json",
      "/repo/services/api/justfile",
      "/repo/.github/workflows/permgen.yml",
    ]);
    expect(steps[2]).toEqual({
      kind: "create",
      path: "/repo/services/api/justfile",
      content:
        "permission-codegen-check:\n    npx permgen check --config perms.json\n",
    });
    expect(steps[3]).toEqual({
      kind: "create",
      path: "/repo/.github/workflows/permgen.yml",
      content:
        "jobs:\n  permgen-check:\n" +
        "    defaults:\n      run:\n        working-directory: services/api\n" +
        "    steps:\n      - run: npx permgen check --config perms.json\n",
    });
  });

  it("skips files that exist and appends the recipe to a justfile without it", () => {
    const existing = new Set([
      "/repo/schema/permissions.ts",
      "/repo/.github/workflows/permgen.yml",
    ]);
    const steps = planInit(templates, {
      configFile: "/repo/permgen.config.json",
      repoRoot: "/repo",
      justfile: { path: "/repo/Justfile", content: "build:\n    make" },
      exists: (file) => existing.has(file),
    });
    expect(steps).toEqual([
      { kind: "skip", path: "/repo/schema/permissions.ts", reason: "exists" },
      {
        kind: "create",
        path: "/repo/permgen.config.json",
        content: "CONFIG\n",
      },
      {
        kind: "append",
        path: "/repo/Justfile",
        content: "\n\npermission-codegen-check:\n    npx permgen check\n",
        what: "recipe permission-codegen-check",
      },
      {
        kind: "skip",
        path: "/repo/.github/workflows/permgen.yml",
        reason: "exists",
      },
    ]);
  });

  it("skips a justfile that already has the recipe", () => {
    const steps = planInit(templates, {
      configFile: "/repo/permgen.config.json",
      repoRoot: "/repo",
      justfile: {
        path: "/repo/.justfile",
        content: "# ci\n@permission-codegen-check:\n    true\n",
      },
      exists: nothingExists,
    });
    expect(steps[2]).toEqual({
      kind: "skip",
      path: "/repo/.justfile",
      reason: "has recipe permission-codegen-check",
    });
  });
});

describe("hasRecipe", () => {
  it("finds recipes with and without parameters, not variables or longer names", () => {
    expect(
      hasRecipe(
        "a:\npermission-codegen-check:\n  x\n",
        "permission-codegen-check",
      ),
    ).toBe(true);
    expect(
      hasRecipe(
        "permission-codegen-check flags='': build\n",
        "permission-codegen-check",
      ),
    ).toBe(true);
    expect(
      hasRecipe(
        "permission-codegen-check := 'x'\n",
        "permission-codegen-check",
      ),
    ).toBe(false);
    expect(
      hasRecipe("permission-codegen-check-all:\n", "permission-codegen-check"),
    ).toBe(false);
    expect(
      hasRecipe("  permission-codegen-check:\n", "permission-codegen-check"),
    ).toBe(false);
  });
});

describe("planGitattributes", () => {
  const config = JSON.stringify({
    targets: [
      { language: "typescript", out: "./generated/permissions.ts" },
      { language: "sql", out: "db/migrations/" },
    ],
  });
  const lines =
    "# Written by permgen init: generated files, collapsed in pull request diffs.\n" +
    "/generated/permissions.ts linguist-generated=true\n" +
    "/db/migrations/** linguist-generated=true\n";

  it("marks each output (a folder target's whole folder), anchored to the config's folder", () => {
    expect(planGitattributes(config, undefined)).toBe(lines);
  });

  it("adds only the lines an existing file lacks, and nothing when it has them all", () => {
    expect(planGitattributes(config, "*.png binary")).toBe(`\n\n${lines}`);
    expect(planGitattributes(config, `*.png binary\n${lines}`)).toBeUndefined();
    expect(planGitattributes(config, "/generated/permissions.ts linguist-generated=true\n")).toBe(
      "\n# Written by permgen init: generated files, collapsed in pull request diffs.\n" +
        "/db/migrations/** linguist-generated=true\n",
    );
    expect(planGitattributes("CONFIG\n", undefined)).toBeNull();
  });
});

describe("formatInitReport", () => {
  it("prints one line per step, paths relative to cwd, then the next step", () => {
    const text = formatInitReport(
      [
        {
          kind: "create",
          path: "/repo/sub/schema/permissions.ts",
          content: "",
        },
        {
          kind: "skip",
          path: "/repo/sub/permgen.config.json",
          reason: "exists",
        },
        { kind: "append", path: "/repo/sub/justfile", content: "", what: "recipe permission-codegen-check" },
        {
          kind: "skip",
          path: "/repo/.github/workflows/permgen.yml",
          reason: "exists",
        },
      ],
      "/repo",
      "sub/permgen.config.json",
    );
    expect(text).toBe(
      "created sub/schema/permissions.ts\n" +
        "skipped sub/permgen.config.json (exists)\n" +
        "updated sub/justfile (added recipe permission-codegen-check)\n" +
        "skipped .github/workflows/permgen.yml (exists)\n" +
        "next: edit sub/schema/permissions.ts, then run `permgen generate --config sub/permgen.config.json`\n",
    );
  });
});

describe("the shipped templates", () => {
  it("render a recipe that just parses and runs as `npx permgen check`", () => {
    const recipe = fs.readFileSync(
      path.join(ROOT, "templates/init/permission-codegen-check.just"),
      "utf8",
    );
    const [step] = planInit(
      { ...templates, recipe },
      {
        configFile: "/x/permgen.config.json",
        repoRoot: "/x",
        justfile: { path: "/x/justfile", content: "" },
        exists: nothingExists,
      },
    ).filter((s) => s.kind === "append");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "permgen-just-"));
    fs.writeFileSync(
      path.join(dir, "justfile"),
      step?.kind === "append" ? step.content : "",
    );
    // `just` is a global tool (.ci/run installs it with `npm install -g rust-just`): CI
    // fails without it, a local run without it says so loudly and skips.
    if (spawnSync("just", ["--version"]).error !== undefined) {
      fs.rmSync(dir, { recursive: true, force: true });
      if (process.env["CI"] !== undefined) throw new Error("`just` is not on PATH (npm install -g rust-just)");
      console.warn("SKIPPED: `just` is not on PATH; install it with `npm install -g rust-just`");
      return;
    }
    const just = spawnSync(
      "just",
      ["--dry-run", "permission-codegen-check"],
      {
        cwd: dir,
        encoding: "utf8",
      },
    );
    fs.rmSync(dir, { recursive: true, force: true });
    expect(just.status).toBe(0);
    expect(just.stderr).toBe("npx permgen check\n");
  });

  it("render a workflow that runs npm ci and the check on push and pull requests", () => {
    const workflow = fs.readFileSync(
      path.join(ROOT, "templates/init/github-workflow.yml"),
      "utf8",
    );
    const steps = planInit(
      { ...templates, workflow },
      {
        configFile: "/x/api/permgen.config.json",
        repoRoot: "/x",
        justfile: undefined,
        exists: nothingExists,
      },
    );
    const rendered = steps[3]?.kind === "create" ? steps[3].content : "";
    expect(rendered).toContain("\non:\n  push:\n  pull_request:\n");
    expect(rendered).toContain(
      "    runs-on: ubuntu-latest\n    defaults:\n      run:\n        working-directory: api\n    steps:\n",
    );
    expect(rendered).toContain(
      "      - run: npm ci\n      - run: npx permgen check\n      - run: npx permgen audit\n",
    );
    // The base branch must exist as origin/<base> for diff's default ref: a full clone.
    expect(rendered).toContain("      - uses: actions/checkout@v4\n        with:\n");
    expect(rendered).toMatch(/\n {10}fetch-depth: 0\n/);
    expect(rendered).toContain(
      "      - name: permgen diff (access changes of this pull request, in the job summary)\n" +
        "        # Also after a failed check or audit: the reviewer still gets the summary.\n" +
        "        if: ${{ !cancelled() && github.event_name == 'pull_request' }}\n" +
        "        run: npx permgen diff --format markdown\n",
    );
    expect(rendered).not.toContain("%%");
  });
});

describe("init through symbolic links (issue 8, item 8)", () => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A git repository and a folder outside it, both fresh. */
  function makeRepoAndOutside(): { repo: string; outside: string } {
    const repo = makeRepo();
    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "permgen-outside-")));
    made.push(repo, outside);
    return { repo, outside };
  }

  function listTree(dir: string): string[] {
    return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => !f.startsWith(".git/") && f !== ".git").sort();
  }

  beforeAll(() => {
    ensureBuilt();
  });

  it("refuses a folder link that leads outside (schema -> /outside), exit 2, nothing written anywhere", () => {
    const { repo, outside } = makeRepoAndOutside();
    fs.symlinkSync(outside, path.join(repo, "schema"));
    const run = runCli(["init"], repo);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `schema/permissions.ts:1:1: error PG0601: init refuses to create permissions.ts: "schema" is a symbolic link that leads outside the repository (the git root above the config, or the config's folder outside git); nothing was written\n1 error\n`,
    );
    expect(run.stdout).toBe("");
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(listTree(repo)).toEqual(["schema"]);
  });

  it("refuses to append to a justfile that links outside (justfile -> /outside/victim)", () => {
    const { repo, outside } = makeRepoAndOutside();
    const victim = path.join(outside, "victim");
    fs.writeFileSync(victim, "build:\n    make\n");
    fs.symlinkSync(victim, path.join(repo, "justfile"));
    const run = runCli(["init"], repo);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `justfile:1:1: error PG0601: init refuses to append the permission-codegen-check recipe to justfile: "justfile" is a symbolic link that leads outside the repository`,
    );
    expect(fs.readFileSync(victim, "utf8")).toBe("build:\n    make\n");
    expect(listTree(repo)).toEqual(["justfile"]);
  });

  it("refuses a dangling link and a .github link outside, naming each", () => {
    const { repo, outside } = makeRepoAndOutside();
    fs.symlinkSync(path.join(outside, "missing"), path.join(repo, "justfile"));
    fs.symlinkSync(outside, path.join(repo, ".github"));
    const run = runCli(["init"], repo);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`justfile:1:1: error PG0601: init refuses to append the permission-codegen-check recipe to justfile: "justfile" is a symbolic link that leads nowhere; nothing was written`);
    expect(run.stderr).toContain(`.github/workflows/permgen.yml:1:1: error PG0601: init refuses to create permgen.yml: ".github" is a symbolic link that leads outside the repository`);
    expect(run.stderr).toMatch(/\n2 errors\n$/);
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it("follows links that stay inside the repository", () => {
    const { repo } = makeRepoAndOutside();
    fs.mkdirSync(path.join(repo, "real-schema"));
    fs.symlinkSync("real-schema", path.join(repo, "schema"));
    const run = runCli(["init"], repo);
    expect(run.code).toBe(0);
    expect(fs.existsSync(path.join(repo, "real-schema", "permissions.ts"))).toBe(true);
  });

  it.skipIf(process.platform === "win32")("never blocks on a FIFO justfile: skips it and says why", () => {
    const { repo } = makeRepoAndOutside();
    execFileSync("mkfifo", [path.join(repo, "justfile")]);
    const result = spawnSync(process.execPath, [BIN, "init"], { cwd: repo, encoding: "utf8", timeout: 20_000 });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("skipped justfile (is a FIFO (named pipe), not a regular file; recipe not added)\n");
  });
});
