/**
 * The unguarded-route rule's cross-file half: which FastAPI routes have no `require_permission`
 * dependency on the route, on its `APIRouter(dependencies=…)`, on every `include_router(…,
 * dependencies=…)` that mounts that router (or on the app or router it is mounted on), or on
 * `FastAPI(dependencies=…)`.
 *
 * Fails closed: a router mounted twice, once guarded and once not, is reachable without the
 * guard, so it counts as unguarded; a route whose router cannot be found is unguarded.
 */
import { moduleNamesFile, pythonModuleOf } from "./scan-python.js";
import type { FastApiFacts, FileScan, ImportedName, RouteFacts } from "./scan-result.js";

/** A route and the file it is in, with whether anything guards it. */
export interface RouteVerdict {
  readonly file: string;
  readonly route: RouteFacts;
  readonly guarded: boolean;
}

/** Decides, for every route of every scanned Python file, whether a guard covers it. */
export function judgeRoutes(scans: readonly FileScan[], root: string): RouteVerdict[] {
  const files = scans.filter((s): s is FileScan & { fastapi: FastApiFacts } => s.fastapi !== undefined);
  const python = scans.filter((s) => s.language === "python" && s.syntaxError === undefined);
  const modules = python.map((s) => ({ scan: s, module: pythonModuleOf(s.file, root) }));
  /** The file a dotted module names: an exact module path first, else the one file it ends. */
  const findModule = (module: string): FileScan | undefined => {
    const exact = modules.find((m) => m.module === module);
    if (exact !== undefined) return exact.scan;
    const candidates = modules.filter((m) => moduleNamesFile(module, m.module));
    return candidates.length === 1 ? candidates[0]?.scan : undefined;
  };
  /** Follows an imported name to the file and module-level name that define it. */
  const follow = (ref: ImportedName, depth = 0): { scan: FileScan; name: string } | undefined => {
    const scan = findModule(ref.module);
    if (scan === undefined || depth > 8) return undefined;
    const reexport = scan.fastapi?.imports.get(ref.name);
    if (reexport !== undefined && !scan.fastapi?.guardNames.includes(ref.name) && !scan.fastapi?.routers.some((r) => r.name === ref.name)) {
      return follow(reexport, depth + 1);
    }
    return { scan, name: ref.name };
  };
  const importedGuard = (refs: readonly ImportedName[]) =>
    refs.some((ref) => {
      const found = follow(ref);
      return found !== undefined && (found.scan.fastapi?.guardNames.includes(found.name) ?? false);
    });
  const keyOf = (file: string, name: string) => `${file}\u0000${name}`;
  /** Router key → its own guard and every include that mounts it. */
  const routers = new Map<string, { guarded: boolean; mounts: { parent: string; guarded: boolean }[] }>();
  const routerOf = (key: string) => {
    let router = routers.get(key);
    if (router === undefined) routers.set(key, (router = { guarded: false, mounts: [] }));
    return router;
  };
  /** The router key a name in `scan` stands for: defined there, or imported from elsewhere. */
  const resolveRouter = (scan: FileScan & { fastapi: FastApiFacts }, name: string): string => {
    if (scan.fastapi.routers.some((r) => r.name === name)) return keyOf(scan.file, name);
    const imported = scan.fastapi.imports.get(name);
    const found = imported === undefined ? undefined : follow(imported);
    return found === undefined ? keyOf(scan.file, name) : keyOf(found.scan.file, found.name);
  };
  for (const scan of files) {
    for (const router of scan.fastapi.routers) {
      routerOf(keyOf(scan.file, router.name)).guarded = router.guarded || importedGuard(router.importedGuards);
    }
  }
  for (const scan of files) {
    for (const include of scan.fastapi.includes) {
      let child: string | undefined;
      if ("local" in include.child) child = resolveRouter(scan, include.child.local);
      else {
        const found = follow(include.child);
        child = found === undefined ? undefined : keyOf(found.scan.file, found.name);
      }
      if (child === undefined) continue;
      routerOf(child).mounts.push({
        parent: resolveRouter(scan, include.parent),
        guarded: include.guarded || importedGuard(include.importedGuards),
      });
    }
  }
  const memo = new Map<string, boolean>();
  const isGuarded = (key: string, visiting: Set<string>): boolean => {
    const known = memo.get(key);
    if (known !== undefined) return known;
    if (visiting.has(key)) return false;
    visiting.add(key);
    const router = routers.get(key);
    const guarded =
      router !== undefined &&
      (router.guarded ||
        (router.mounts.length > 0 && router.mounts.every((m) => m.guarded || isGuarded(m.parent, visiting))));
    visiting.delete(key);
    memo.set(key, guarded);
    return guarded;
  };
  return files.flatMap((scan) =>
    scan.fastapi.routes.map((route) => ({
      file: scan.file,
      route,
      guarded:
        route.guarded || importedGuard(route.importedGuards) || isGuarded(resolveRouter(scan, route.owner), new Set()),
    })),
  );
}
