// checklist: typescript replay
/**
 * The behaviour table replayed against the generated TypeScript: the module is transpiled to
 * JavaScript and imported, then each row is asked through `hasPermission` (with the row's roles
 * expanded by `permissionsOfRoles`), passing raw strings as untyped code would. Throwing counts
 * as "not allowed".
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { describe } from "vitest";
import { EMPTY_LOCK } from "../../src/lock/lock.js";
import { typescriptTarget } from "../../src/targets/typescript/descriptor.js";
import { TABLE_ROWS, TABLE_SCHEMA, type Replay } from "../behaviour/table.js";
import { modelFromSource } from "../helpers/model.js";
import { filesOf } from "../helpers/emit-result.js";

/** The generated TypeScript module as untyped code sees it. */
interface TypeScriptGuards {
  hasPermission(granted: unknown, resource: unknown, action: unknown): boolean;
  permissionsOfRoles(roles: unknown): Iterable<string>;
}

export const typescriptReplay: Replay = {
  language: "typescript",
  engine: "node",
  describeWith: describe,
  async run() {
    const emit = await typescriptTarget.loadEmitter();
    const [file] = filesOf(
      emit(
        modelFromSource(TABLE_SCHEMA),
        { language: "typescript", out: "/x/permissions.ts", enumStyle: "enum" },
        { lockBefore: undefined, lock: EMPTY_LOCK, existingFiles: new Map() },
      ),
    );
    if (file === undefined) throw new Error("the TypeScript emitter produced no file");
    const js = ts.transpileModule(file.content, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const dir = mkdtempSync(path.join(os.tmpdir(), "permgen-behaviour-"));
    writeFileSync(path.join(dir, "permissions.mjs"), js);
    const guards = (await import(
      pathToFileURL(path.join(dir, "permissions.mjs")).href
    )) as TypeScriptGuards;
    const answers = TABLE_ROWS.map((row) => {
      const granted =
        row.roles === undefined
          ? row.granted
          : [...(row.granted ?? []), ...guards.permissionsOfRoles(row.roles)];
      try {
        return guards.hasPermission(granted, row.resource, row.action) === true;
      } catch {
        return false;
      }
    });
    return { language: "typescript", engine: "node", answers };
  },
};
