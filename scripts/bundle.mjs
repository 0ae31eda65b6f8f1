// Writes the two bundles `npm run build` makes after tsc (from tsc's dist/ output; before
// build-id.mjs, whose hash covers them), so that a run loads a few files instead of hundreds of
// ES modules, each resolved, read (through the thread pool) and compiled on every run:
//
// - dist/bundle/pipeline.cjs: src/pipeline.ts and everything it imports (zod and diff included)
//   as one CommonJS file, which src/loading/pipeline.ts compiles through the V8 code cache
//   (≈ 245 ES modules on a cold `check` otherwise; Node 20 caches no ES module code);
// - dist/bundle/cli.mjs: what bin/permgen.js runs, src/cli/entry.ts with what a `check` the
//   verdict cache answers needs (commands, report, index, the cache and the run lock), as one
//   ES module; commander's program (main.ts), the pipeline and the other commands stay
//   separate files, imported from dist/ when a run needs them.
//
// Left out of both, and loaded at run time exactly as from dist/: the heavy or CommonJS
// packages each loader takes on demand (ts-morph, prettier, the tree-sitter grammars, chokidar,
// jsonc-parser, commander). Each bundled file's `import.meta.url` is written in as the URL of
// its dist/ file, so relative lookups (templates, dist/build-id.txt, the package root) find what
// they find from dist/.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const bundleDir = path.join(dist, "bundle");
const EXTERNAL_PACKAGES = [
  "ts-morph",
  "prettier",
  "web-tree-sitter",
  "@vscode/tree-sitter-wasm",
  "chokidar",
  "jsonc-parser",
  "commander",
];

/** The `/`-separated path of a dist/ file relative to the bundle folder. */
const fromBundle = (file) => path.relative(bundleDir, file).split(path.sep).join("/");

/**
 * Rewrites each dist/ file as it is bundled: `import.meta.url` becomes its own dist/ URL (in a
 * CommonJS bundle through a banner helper, since a file may shadow `require`), and, in the
 * CommonJS bundle, `import("<package>")` goes through the loader's import (see the banner).
 */
const rewriteDistFiles = (format) => ({
  name: "dist-files",
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(dist + path.sep)) return undefined;
      const text = fs.readFileSync(args.path, "utf8");
      const rel = JSON.stringify(fromBundle(args.path));
      let contents = text.replaceAll(
        "import.meta.url",
        format === "cjs" ? `__permgenDistUrl(${rel})` : `new URL(${rel}, import.meta.url).href`,
      );
      if (format === "cjs") contents = contents.replace(/\bimport\(("[^".][^"]*")\)/g, "__permgenImport($1)");
      return contents === text ? undefined : { contents, loader: "js" };
    });
  },
});

/** Keeps the dynamic imports of dist/ files not in `inline` as imports of those files. */
const keepLazyImports = (inline) => ({
  name: "lazy-imports",
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== "dynamic-import") return undefined;
      const file = path.resolve(args.resolveDir, args.path);
      if (inline.includes(path.relative(dist, file).split(path.sep).join("/"))) return undefined;
      return { path: `./${fromBundle(file)}`.replace(/^\.\/\.\.\//, "../"), external: true };
    });
  },
});

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  external: EXTERNAL_PACKAGES,
  legalComments: "none",
  logLevel: "warning",
};

await esbuild.build({
  ...common,
  entryPoints: [path.join(dist, "pipeline.js")],
  outfile: path.join(bundleDir, "pipeline.cjs"),
  format: "cjs",
  banner: {
    js: [
      'const __permgenDistUrl = (rel) => require("node:url").pathToFileURL(require("node:path").join(__dirname, rel)).href;',
      // A package left out that is an ES module (prettier) is imported by src/loading/pipeline.ts
      // for the bundle: V8 code compiled from a code cache has no host to run `import()` on
      // Node 20 ("A dynamic import callback was not specified").
      'const __permgenImport = (specifier) => globalThis[Symbol.for("permgen.import")](specifier);',
    ].join("\n"),
  },
  plugins: [rewriteDistFiles("cjs")],
});

await esbuild.build({
  ...common,
  entryPoints: [path.join(dist, "cli", "entry.js")],
  outfile: path.join(bundleDir, "cli.mjs"),
  format: "esm",
  plugins: [
    rewriteDistFiles("esm"),
    keepLazyImports(["cli/commands.js", "output/run-lock.js", "output/cache.js"]),
  ],
});
