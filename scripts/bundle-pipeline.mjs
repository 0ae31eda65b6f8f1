// Writes dist/bundle/pipeline.cjs: src/pipeline.ts and everything it imports (zod and diff
// included) as one CommonJS file, which src/loading/pipeline.ts compiles through the V8 code
// cache; ≈ 245 ES modules otherwise resolved, read and compiled on every cold run. Run by
// `npm run build` after tsc (it bundles tsc's dist/ output) and before build-id.mjs (whose hash
// covers the bundle).
//
// Left out, and loaded at run time exactly as from dist/: the heavy or CommonJS packages each
// loader takes on demand (ts-morph, prettier, the tree-sitter grammars, chokidar, jsonc-parser,
// commander). Each bundled file's `import.meta.url` is written in as the URL of its dist/ file,
// so that relative lookups (templates, dist/build-id.txt, the package root) find what they find
// from dist/; each `import("<package>")` of a package left out goes through the loader's import
// (see the banner).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const outfile = path.join(dist, "bundle", "pipeline.cjs");

const importMetaUrl = {
  name: "import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(dist + path.sep)) return undefined;
      const text = fs.readFileSync(args.path, "utf8");
      const rel = path.relative(path.dirname(outfile), args.path).split(path.sep).join("/");
      // Helpers defined in the banner: a file may shadow `require` where it uses import.meta.url.
      const contents = text
        .replaceAll("import.meta.url", `__permgenDistUrl(${JSON.stringify(rel)})`)
        .replace(/\bimport\(("[^".][^"]*")\)/g, "__permgenImport($1)");
      return contents === text ? undefined : { contents, loader: "js" };
    });
  },
};

await esbuild.build({
  entryPoints: [path.join(dist, "pipeline.js")],
  outfile,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  external: [
    "ts-morph",
    "prettier",
    "web-tree-sitter",
    "@vscode/tree-sitter-wasm",
    "chokidar",
    "jsonc-parser",
    "commander",
  ],
  legalComments: "none",
  banner: {
    js: [
      'const __permgenDistUrl = (rel) => require("node:url").pathToFileURL(require("node:path").join(__dirname, rel)).href;',
      // A package left out that is an ES module (prettier) is imported by src/loading/pipeline.ts
      // for the bundle: V8 code compiled from a code cache has no host to run `import()` on
      // Node 20 ("A dynamic import callback was not specified").
      'const __permgenImport = (specifier) => globalThis[Symbol.for("permgen.import")](specifier);',
    ].join("\n"),
  },
  logLevel: "warning",
  plugins: [importMetaUrl],
});
