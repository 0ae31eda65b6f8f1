/**
 * Which files `generate --watch` reacts to (src/watch/watch-inputs.ts): a pure function of the
 * resolved config, checked on a hand-made config so each rule shows on its own.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ResolvedConfig } from "../../src/config/resolved-config.js";
import {
  collectWatchInputs,
  isWatchedInput,
  listWatchedFolders,
} from "../../src/watch/watch-inputs.js";

const root = path.resolve("/repo");
const at = (...parts: string[]) => path.join(root, ...parts);

/** The fields the watch set reads; the rest of a ResolvedConfig plays no part. */
function makeConfig(outputDirs: readonly string[], sources: readonly string[]): ResolvedConfig {
  return {
    file: at("app", "permgen.config.json"),
    configDir: at("app"),
    sources: sources.map((file) => ({ file, path: path.relative(at("app"), file), module: undefined, position: undefined })),
    lockPath: at("app", "permgen.lock.json"),
    targets: outputDirs.map((outputDir) => ({ outputDir })),
  } as unknown as ResolvedConfig;
}

describe("the watch set", () => {
  const config = makeConfig(
    [at("app", "web", "src", "gen"), at("app", "db")],
    [at("app", "schema", "roles.ts"), at("app", "modules", "billing", "permissions.ts")],
  );
  const inputs = collectWatchInputs(config.file, config, root);

  it("holds the config, every schema source (modules included) and the lock", () => {
    expect([...inputs.files].sort()).toEqual(
      [
        at("app", "permgen.config.json"),
        at("app", "schema", "roles.ts"),
        at("app", "modules", "billing", "permissions.ts"),
        at("app", "permgen.lock.json"),
      ].sort(),
    );
    expect(inputs.lock).toBe(at("app", "permgen.lock.json"));
  });

  it("takes prettier configs and .editorconfig from each output folder up to the repository root, not above", () => {
    for (const dir of [["app", "web", "src", "gen"], ["app", "web", "src"], ["app", "web"], ["app"], [], ["app", "db"]]) {
      expect(isWatchedInput(inputs, at(...dir, ".prettierrc.json"))).toBe(true);
      expect(isWatchedInput(inputs, at(...dir, ".editorconfig"))).toBe(true);
      expect(isWatchedInput(inputs, at(...dir, "package.json"))).toBe(true);
    }
    expect(isWatchedInput(inputs, path.join(path.dirname(root), ".prettierrc"))).toBe(false);
    // A folder that holds no output and is no ancestor of one: its prettier config applies to nothing.
    expect(isWatchedInput(inputs, at("app", "schema", ".prettierrc"))).toBe(false);
  });

  it("ignores generated files, temp files and anything else in a watched folder", () => {
    expect(isWatchedInput(inputs, at("app", "web", "src", "gen", "permissions.ts"))).toBe(false);
    expect(isWatchedInput(inputs, at("app", "db", ".0001_init.sql.123-abcdef12.permgen-tmp"))).toBe(false);
    expect(isWatchedInput(inputs, at("app", "schema", ".roles.ts.swp"))).toBe(false);
    expect(isWatchedInput(inputs, at("app", "schema", "roles.ts"))).toBe(true);
  });

  it("hands the watcher the folders of those files, each once", () => {
    const folders = listWatchedFolders(inputs);
    expect(folders).toEqual([...new Set(folders)].sort());
    expect(folders).toContain(at("app", "modules", "billing"));
    expect(folders).toContain(at("app", "schema"));
    expect(folders).toContain(root);
    expect(folders).not.toContain(path.dirname(root));
  });

  it("watches only the config while it cannot be read", () => {
    const alone = collectWatchInputs(at("app", "permgen.config.json"), undefined, root);
    expect([...alone.files]).toEqual([at("app", "permgen.config.json")]);
    expect(alone.lock).toBeUndefined();
    expect(alone.prettierDirs.size).toBe(0);
  });

  it("does not walk up from an output folder outside the repository", () => {
    const outside = collectWatchInputs(config.file, makeConfig(["/elsewhere/out"], [at("app", "schema", "roles.ts")]), root);
    expect([...outside.prettierDirs]).toEqual([]);
  });
});
