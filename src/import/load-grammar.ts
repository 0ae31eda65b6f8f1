/**
 * The tree-sitter grammars `permgen import` reads Python and Rust with (web-tree-sitter and the
 * grammar .wasm files of @vscode/tree-sitter-wasm). Loaded on first use only, and only by
 * import, so no other command pays for WebAssembly start-up.
 */
import { createRequire } from "node:module";
import path from "node:path";
import type { Parser } from "web-tree-sitter";

/** The grammars import uses, by the name of their wasm file. */
export type GrammarName = "python" | "rust";

let runtime: Promise<typeof import("web-tree-sitter")> | undefined;
const languages = new Map<GrammarName, Promise<import("web-tree-sitter").Language>>();

/** A parser for `name`, its runtime and grammar loaded once per process. */
export async function loadGrammar(name: GrammarName): Promise<Parser> {
  runtime ??= import("web-tree-sitter").then(async (module) => {
    await module.Parser.init();
    return module;
  });
  const module = await runtime;
  let language = languages.get(name);
  if (language === undefined) {
    const require = createRequire(import.meta.url);
    const wasmDir = path.join(path.dirname(require.resolve("@vscode/tree-sitter-wasm/package.json")), "wasm");
    language = module.Language.load(path.join(wasmDir, `tree-sitter-${name}.wasm`));
    languages.set(name, language);
  }
  const parser = new module.Parser();
  parser.setLanguage(await language);
  return parser;
}
