// `permgen audit` on a synthetic repository of 5,000 source files (bench row 5): 2,000
// TypeScript and 2,000 Python files (about 1 MB of each), 500 Go and 500 Rust files, every one
// calling the generated guards through an import of the generated module, some with a magic
// string, the Python ones FastAPI routers. Target: well under 10 s on a 2-core machine (it must
// be usable as a pre-commit step). `node bench/audit.mjs` runs this row alone and prints one
// JSON line; bench/run.mjs calls it.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BIN, DIST, benchEnv, runOnce } from "./measure.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = BIN;

/** Writes the synthetic repository into `dir`; returns bytes written per language. */
export function writeAuditRepo(dir, files = 5000) {
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(path.join(root, "schema"), path.join(dir, "schema"), { recursive: true });
  const config = {
    schema: "schema/permissions.ts",
    targets: [
      { language: "typescript", out: "web/src/generated/permissions.ts" },
      { language: "python", out: "backend/app/permission_taxonomy.py", fastapi: true },
      { language: "go", out: "svc/internal/perm/permissions.go", package: "perm" },
      { language: "rust", out: "crates/authz/src/permissions.rs" },
    ],
  };
  fs.writeFileSync(path.join(dir, "permgen.config.json"), JSON.stringify(config, null, 2));
  fs.mkdirSync(path.join(dir, "svc"), { recursive: true });
  fs.writeFileSync(path.join(dir, "svc", "go.mod"), "module example.com/svc\n\ngo 1.22\n");
  const bytes = { typescript: 0, python: 0, go: 0, rust: 0 };
  const write = (language, file, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
    bytes[language] += Buffer.byteLength(text);
  };
  const ts = Math.round(files * 0.4);
  const py = Math.round(files * 0.4);
  const go = Math.round(files * 0.1);
  const rs = files - ts - py - go;
  for (let i = 0; i < ts; i++) {
    write("typescript", `web/src/features/f${i % 50}/view${i}.ts`, [
      `import { requirePermission as rp, hasPermission, Resource, Action } from "../../generated/permissions";`,
      `import * as perms from "../../generated/permissions";`,
      ``,
      `export const guard${i} = rp(Resource.Alert, Action.Acknowledge);`,
      `export function canRead${i}(granted: readonly string[]): boolean {`,
      `  return hasPermission(granted, Resource.Report, Action.Read) && perms.hasPermission(granted, perms.Resource.Host, perms.Action.Read);`,
      `}`,
      `export const label${i} = ${i % 100 === 0 ? `"soc.alert.read"` : `"view ${i}"`};`,
      `export interface Props${i} { readonly id: number; readonly title: string; readonly tags: readonly string[] }`,
      `export function render${i}(props: Props${i}): string {`,
      `  const parts = props.tags.map((tag) => tag.toUpperCase()).filter((tag) => tag.length > 0);`,
      `  return \`\${props.id}: \${props.title} [\${parts.join(", ")}]\`;`,
      `}`,
      ``,
    ].join("\n"));
  }
  for (let i = 0; i < py; i++) {
    write("python", `backend/app/routers/r${i % 50}/router${i}.py`, [
      `from fastapi import APIRouter, Depends`,
      ``,
      `from app.permission_taxonomy import Action, Resource as R, require_permission`,
      ``,
      `router = APIRouter(prefix="/r${i}", dependencies=[Depends(require_permission(R.ENGAGEMENT, Action.READ))])`,
      ``,
      ``,
      `@router.get("/items")`,
      `def list_items(role: str = "") -> list[str]:`,
      `    if role == ${i % 100 === 0 ? `"auditor"` : `"viewer"`}:`,
      `        return ["a", "b"]`,
      `    return [str(n) for n in range(${i % 10})]`,
      ``,
      ``,
      `@router.post("/items/{item_id}")`,
      `def update_item(item_id: int, _=Depends(require_permission(R.ENGAGEMENT, Action.UPDATE))) -> dict[str, int]:`,
      `    return {"id": item_id}`,
      ``,
    ].join("\n"));
  }
  for (let i = 0; i < go; i++) {
    write("go", `svc/internal/handlers/h${i}/handler.go`, [
      `package h${i}`,
      ``,
      `import (`,
      `\t"fmt"`,
      ``,
      `\tauthz "example.com/svc/internal/perm"`,
      `)`,
      ``,
      `func Handle(mask authz.PermissionMask) error {`,
      `\tif !mask.Has(authz.PermHostCreate) {`,
      `\t\treturn fmt.Errorf("handler ${i}: denied")`,
      `\t}`,
      `\treturn authz.RequirePermission(mask, authz.ResourceHost, authz.ActionDelete)`,
      `}`,
      ``,
    ].join("\n"));
  }
  for (let i = 0; i < rs; i++) {
    write("rust", `crates/authz/src/checks/check${i}.rs`, [
      `use crate::permissions::{has_permission, Action, Permission, Resource};`,
      `use crate::permissions as p;`,
      ``,
      `pub fn check(granted: &[Permission]) -> bool {`,
      `    has_permission(granted, Resource::Audit, Action::Read)`,
      `        && p::require_permission(granted, p::Resource::User, p::Action::Manage).is_ok()`,
      `}`,
      ``,
    ].join("\n"));
  }
  execFileSync("git", ["init", "-q"], { cwd: dir });
  const generated = spawnSync(process.execPath, [bin, "generate"], { cwd: dir, encoding: "utf8", env: benchEnv() });
  if (generated.status !== 0) throw new Error(`generate failed:\n${generated.stderr}`);
  return bytes;
}

/**
 * Times `permgen audit` on a fresh synthetic repository: the built CLI end to end (wall time),
 * and the CPU time of one audit run in a child process of its own (user + system), which
 * stays meaningful when other work shares the cores.
 */
export function benchAudit(files = 5000) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "permgen-bench-audit-"));
  try {
    const bytes = writeAuditRepo(tmp, files);
    const run = runOnce([bin, "audit", "--format", "json", "--debug"], tmp);
    const { ms, rss } = run;
    if (run.status !== 1) throw new Error(`audit exited ${run.status}\n${run.stderr}`);
    const report = JSON.parse(run.stdout);
    const cpuRun = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--cpu", tmp], {
      encoding: "utf8",
      env: benchEnv(),
    });
    if (cpuRun.status !== 0) throw new Error(`audit CPU run failed:\n${cpuRun.stderr}`);
    const cpuMs = Number(cpuRun.stdout.trim());
    return { ms, rss, cpuMs, files: report.files, findings: report.findings.length, bytes, timings: run.stderr.trim() };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** One in-process audit of `dir`: prints the CPU milliseconds it took, start-up included. */
async function measureCpu(dir) {
  const { runAudit } = await import(pathToFileURL(path.join(DIST, "audit", "run-audit.js")).href);
  const outcome = await runAudit({ cwd: dir });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.diagnostics));
  const { user, system } = process.cpuUsage();
  console.log(((user + system) / 1000).toFixed(0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === "--cpu") await measureCpu(process.argv[3]);
  else console.log(JSON.stringify(benchAudit(Number(process.argv[2] ?? 5000))));
}
