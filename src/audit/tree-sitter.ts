/**
 * Loads web-tree-sitter and its grammars on demand: the runtime once, each grammar (Python, Go,
 * Rust) only when a file of that language is scanned, so a TypeScript-only repository never
 * loads a `.wasm`. The grammar files come from `@vscode/tree-sitter-wasm`, found through
 * node's own module resolution (no path into node_modules is written here).
 */
import { createRequire } from "node:module";
import path from "node:path";
import type { Language, Parser } from "web-tree-sitter";

/** The grammars the audit uses. */
export type GrammarName = "python" | "go" | "rust";

const require = createRequire(import.meta.url);
let runtime: Promise<typeof import("web-tree-sitter")> | undefined;
const parsers = new Map<GrammarName, Promise<Parser>>();

async function loadRuntime(): Promise<typeof import("web-tree-sitter")> {
  const module = await import("web-tree-sitter");
  await module.Parser.init();
  return module;
}

/** A parser for `grammar`, loading the runtime and the grammar the first time either is needed. */
export function loadParser(grammar: GrammarName): Promise<Parser> {
  let parser = parsers.get(grammar);
  if (parser === undefined) {
    parser = (async () => {
      runtime ??= loadRuntime();
      const module = await runtime;
      const wasmDir = path.dirname(require.resolve("@vscode/tree-sitter-wasm/wasm/tree-sitter.wasm"));
      const language: Language = await module.Language.load(path.join(wasmDir, `tree-sitter-${grammar}.wasm`));
      const created = new module.Parser();
      created.setLanguage(language);
      return created;
    })();
    parsers.set(grammar, parser);
  }
  return parser;
}
