/**
 * The value-level import graph of permgen's sources and the cycles in it.
 *
 * A value-level import is one that survives compilation and runs when the module loads: every
 * static `import … from` and `export … from` except `import type` and `export type` (with
 * `verbatimModuleSyntax`, `import { type A } from "./a.js"` still loads `./a.js`, so it counts).
 * Dynamic `import()` is not an edge: it runs later, on demand, which is how the pipeline keeps
 * heavy stages out of start-up, and it cannot leave a module half-initialised at load time.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/** Module → the modules it loads, both as paths relative to the graph's root, `/`-separated. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** The relative specifiers of `text`'s value-level static imports and re-exports. */
export function readValueImports(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  for (const statement of sf.statements) {
    let specifier: ts.Expression | undefined;
    if (ts.isImportDeclaration(statement)) {
      if (statement.importClause?.isTypeOnly === true) continue;
      specifier = statement.moduleSpecifier;
    } else if (ts.isExportDeclaration(statement)) {
      if (statement.isTypeOnly) continue;
      specifier = statement.moduleSpecifier;
    }
    if (specifier !== undefined && ts.isStringLiteral(specifier)) found.push(specifier.text);
  }
  return found;
}

/**
 * Reads every `.ts` file under `root` and returns its value-level imports of other files under
 * `root` (`./x.js` resolved to `x.ts`, `./dir/index.js` to `dir/index.ts`); packages and node
 * built-ins are left out, they cannot close a cycle through permgen's code.
 */
export function buildImportGraph(root: string): ImportGraph {
  const graph = new Map<string, string[]>();
  const files = fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => f.split(path.sep).join("/"))
    .sort();
  const known = new Set(files);
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    const targets: string[] = [];
    for (const spec of readValueImports(file, text)) {
      if (!spec.startsWith(".")) continue;
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      const target = resolved.replace(/\.js$/, ".ts");
      if (!known.has(target)) {
        throw new Error(`${file} imports ${JSON.stringify(spec)}, which is no file under ${root}`);
      }
      targets.push(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/**
 * One cycle per strongly connected part of the graph that has one (Tarjan's algorithm), each
 * as the path that closes it: `[a, b, c, a]`. A module importing itself is `[a, a]`. Sorted, and
 * each starting at its smallest module, so the report is the same on every run.
 */
export function findImportCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  const connect = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(to) ?? 0));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(to) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (;;) {
      const member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    components.push(component);
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node);

  const cycles: string[][] = [];
  for (const component of components) {
    const members = new Set(component);
    const start = [...members].sort()[0];
    if (start === undefined) continue;
    const selfLoop = (graph.get(start) ?? []).includes(start);
    if (members.size === 1 && !selfLoop) continue;
    cycles.push(selfLoop ? [start, start] : traceCycle(graph, start, members));
  }
  return cycles.sort((a, b) => (a.join(" ") < b.join(" ") ? -1 : 1));
}

/** A shortest path from `start` back to itself inside `members` (breadth-first). */
function traceCycle(graph: ImportGraph, start: string, members: ReadonlySet<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    for (const to of [...(graph.get(node) ?? [])].sort()) {
      if (!members.has(to)) continue;
      if (to === start) {
        const path = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = previous.get(at)) {
          path.unshift(at);
        }
        path.unshift(start);
        return path;
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  throw new Error(`internal error: no cycle through ${start} in its own component`);
}
