/**
 * Cross-language digest parity (CONTRACT §4): one schema, every registered target configured at
 * once, `plan()` run on a temp config; every target's output must carry the same
 * `SCHEMA_DIGEST` (in its own idiom), equal to the model's digest, and the digest must match an
 * independent implementation in Python (test/parity/digest.py) over the canonical JSON that
 * src/model/digest.ts documents.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { plan, validate, type Model } from "../../src/index.js";
import { TARGETS } from "../../src/targets/index.js";
import { REFERENCE_SCHEMA } from "../helpers/reference-schema.js";
import { describeWithPython, runPython } from "../python/python-tools.js";
import { copyModulesThree } from "../modules/modules-repo.js";

/** How each language is configured here and where its digest is in what it writes. */
interface DigestProbe {
  /** The target's entry in `targets` (paths relative to the temp config). */
  readonly config: Readonly<Record<string, unknown>>;
  /**
   * Every digest the files carry. `files` are the target's outputs (one, or a folder's), by
   * path relative to the config folder.
   */
  readonly extract: (files: ReadonlyMap<string, string>) => string[];
}

/** All matches of a regex's first group in every file. */
function matchAll(pattern: RegExp): (files: ReadonlyMap<string, string>) => string[] {
  return (files) =>
    [...files.values()].flatMap((content) => [...content.matchAll(pattern)].map((m) => m[1] ?? ""));
}

const HEX = "([0-9a-f]{64})";

/** One probe per language; a registered language missing here fails the test below. */
const PROBES: Readonly<Record<string, DigestProbe>> = {
  typescript: {
    config: { language: "typescript", out: "out/ts/permissions.ts" },
    // prettier may move the long string to the next line.
    extract: matchAll(new RegExp(`^export const SCHEMA_DIGEST =\\s*"${HEX}";$`, "gm")),
  },
  python: {
    config: { language: "python", out: "out/py/permission_taxonomy.py" },
    // black's layout wraps the long string in parentheses.
    extract: matchAll(new RegExp(`^SCHEMA_DIGEST: Final = \\(?\\s*"${HEX}"\\s*\\)?$`, "gm")),
  },
  go: {
    config: { language: "go", out: "out/go/perm/permissions.go" },
    extract: matchAll(new RegExp(`^const SchemaDigest = "${HEX}"$`, "gm")),
  },
  rust: {
    config: { language: "rust", out: "out/rust/permissions.rs" },
    extract: matchAll(new RegExp(`^pub const SCHEMA_DIGEST: &str = "${HEX}";$`, "gm")),
  },
  json: {
    config: { language: "json", out: "out/json/permissions.json" },
    extract: (files) =>
      [...files.values()].map((c) =>
        String((JSON.parse(c) as { schemaDigest?: unknown }).schemaDigest),
      ),
  },
  markdown: {
    config: { language: "markdown", out: "out/docs/PERMISSIONS.md" },
    extract: matchAll(new RegExp(`^- Schema digest: \`${HEX}\``, "gm")),
  },
  sql: {
    config: { language: "sql", dialect: "postgres", out: "out/sql" },
    // The metadata row, in the migration that creates it: `('schema_digest', '<hex>')`.
    extract: (files) =>
      [...files.entries()]
        .filter(([file]) => file.endsWith(".sql"))
        .flatMap(([, content]) =>
          [...content.matchAll(new RegExp(`'schema_digest'[^\\n]*?'${HEX}'`, "g"))].map(
            (m) => m[1] ?? "",
          ),
        ),
  },
};

const CONFIGURED = TARGETS.map((t) => t.language);

describe("digest parity: the probes", () => {
  test("every registered target language has a digest probe here", () => {
    expect(CONFIGURED.filter((language) => PROBES[language] === undefined)).toEqual([]);
  });
});

describe("digest parity: every target carries the model's digest", () => {
  let dir = "";
  let model: Model | undefined;
  /** language → its files (relative path → content). */
  const outputs = new Map<string, Map<string, string>>();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "permgen-parity-"));
    mkdirSync(path.join(dir, "schema"));
    writeFileSync(path.join(dir, "schema", "permissions.ts"), REFERENCE_SCHEMA);
    const targets = CONFIGURED.flatMap((language) => {
      const probe = PROBES[language];
      return probe === undefined ? [] : [probe.config];
    });
    writeFileSync(
      path.join(dir, "permgen.config.json"),
      `${JSON.stringify({ schema: "schema/permissions.ts", targets }, null, 2)}\n`,
    );
    const validated = await validate({ cwd: dir });
    if (!validated.ok) throw new Error(JSON.stringify(validated.diagnostics));
    model = validated.model;
    const planned = await plan({ cwd: dir });
    if (!planned.ok) throw new Error(JSON.stringify(planned.diagnostics));
    for (const language of CONFIGURED) {
      const out = String(PROBES[language]?.config["out"] ?? "");
      const files = new Map<string, string>();
      for (const file of planned.files) {
        const rel = path.relative(planned.configDir, file.path).split(path.sep).join("/");
        if (rel === out || rel.startsWith(`${out}/`)) files.set(rel, file.content);
      }
      outputs.set(language, files);
    }
  });

  afterAll(() => {
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  });

  test.each(CONFIGURED)(
    "the %s output carries SCHEMA_DIGEST equal to the model's digest",
    (language) => {
      const files = outputs.get(language) ?? new Map<string, string>();
      expect(files.size).toBeGreaterThan(0);
      const found = PROBES[language]?.extract(files) ?? [];
      expect(found.length).toBeGreaterThan(0);
      expect(new Set(found)).toEqual(new Set([model?.digest]));
    },
  );

  test("all targets agree on one digest, a sha256 hex string", () => {
    const all = new Set(
      CONFIGURED.flatMap(
        (language) => PROBES[language]?.extract(outputs.get(language) ?? new Map()) ?? [],
      ),
    );
    expect(all.size).toBe(1);
    expect([...all][0]).toMatch(/^[0-9a-f]{64}$/);
  });
});

/** The vocabulary in schema order, unsorted: what digest.py sorts and hashes itself. */
function buildPythonInput(model: Model): string {
  return JSON.stringify({
    namespace: model.namespace ?? null,
    resources: model.resources.map((r) => r.value),
    actions: model.actions.map((a) => a.value),
    permissions: model.permissions.map((p) => [p.key, p.resource.value, p.action.value, p.id, p.module]),
    roles: model.roles.map((r) => [r.name, r.permissions.map((p) => p.key)]),
    modules: model.modules.map((m) => m.name),
  });
}

const DIGEST_PY = fileURLToPath(new URL("./digest.py", import.meta.url));

/** Runs digest.py on a model's vocabulary through a temp file (runPython has no stdin). */
function recomputeInPython(model: Model): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "permgen-digest-"));
  try {
    const input = path.join(dir, "vocabulary.json");
    writeFileSync(input, buildPythonInput(model));
    const result = runPython([
      "-c",
      `import sys, runpy; sys.stdin = open(${JSON.stringify(input)}, encoding="utf-8"); runpy.run_path(${JSON.stringify(DIGEST_PY)}, run_name="__main__")`,
    ]);
    if (result.status !== 0) throw new Error(result.stderr);
    return result.stdout.trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describeWithPython("digest parity: an independent implementation in Python", () => {
  const schemas: Readonly<Record<string, string>> = {
    reference: REFERENCE_SCHEMA,
    "no namespace, no roles": `export enum Resource { B = "b", A = "a.x" }
export enum Action { Z = "z", Y = "y_y" }
export const permissions = { b: ["z", "y_y"], "a.x": ["z"] } as const;
`,
    "roles in reverse order": `export enum Resource { Doc = "doc", DocPage = "doc.page" }
export enum Action { Write = "write", Read = "read" }
export const permissions = { "doc.page": ["read"], doc: ["write", "read"] } as const;
export const roles = { zeta: ["doc.*"], alpha: ["*"], mid: ["doc.page.read"], empty: [] } as const;
export const namespace = "ns";
`,
  };

  test.each(Object.keys(schemas))(
    "Python's hashlib gives the model's digest (%s)",
    async (name) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "permgen-parity-"));
      try {
        mkdirSync(path.join(dir, "schema"));
        writeFileSync(path.join(dir, "schema", "permissions.ts"), schemas[name] ?? "");
        writeFileSync(
          path.join(dir, "permgen.config.json"),
          JSON.stringify({ targets: [{ language: "rust", out: "permissions.rs" }] }),
        );
        const validated = await validate({ cwd: dir });
        if (!validated.ok) throw new Error(JSON.stringify(validated.diagnostics));
        expect(recomputeInPython(validated.model)).toBe(validated.model.digest);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  test("Python's hashlib gives the model's digest (modules-three: module list and modules in the tuples)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "permgen-parity-"));
    try {
      copyModulesThree(dir);
      const validated = await validate({ cwd: dir });
      if (!validated.ok) throw new Error(JSON.stringify(validated.diagnostics));
      expect(validated.model.modules).toHaveLength(3);
      expect(recomputeInPython(validated.model)).toBe(validated.model.digest);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the Python implementation is sensitive to what the digest covers", async () => {
    const { modelFromSource } = await import("../helpers/model.js");
    const base = modelFromSource(REFERENCE_SCHEMA);
    const renamed = modelFromSource(REFERENCE_SCHEMA.replace('"soc"', '"soc2"'));
    expect(recomputeInPython(renamed)).not.toBe(recomputeInPython(base));
    expect(recomputeInPython(renamed)).toBe(renamed.digest);
  });
});
