/**
 * The schema reader: schema file text → raw declarations with positions, or diagnostics.
 *
 * The file is parsed with the TypeScript compiler bundled in ts-morph and walked statically: permgen never
 * executes the schema. Only the six declarations permgen knows (`Resource`, `Action`,
 * `permissions`, `roles`, `namespace`, `constraints`) are read; every other statement is
 * ignored. Inside those declarations only literal forms are accepted, anything else is a
 * positioned PG0105.
 *
 * This is the entry of the reader; each construct has its own module (find-declarations.ts,
 * read-enums.ts, read-permissions.ts, read-roles.ts, read-namespace.ts, read-constraints.ts,
 * report-unsupported.ts, on top of schema-reader.ts). Only these modules load ts-morph for the
 * schema (through src/loading/ts-morph.ts, with `require`): commands that do not read a schema must
 * not load them.
 */
import type { ts as TS } from "ts-morph";
import { ts } from "../loading/typescript.js";
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { findDeepNesting, MAX_SCHEMA_NESTING } from "./check-nesting.js";
import { findDeclarations, findExportSpecifiers, readConstDeclaration } from "./find-declarations.js";
import { readConstraints } from "./read-constraints.js";
import { readEnumDeclarations } from "./read-enums.js";
import { readNamespace } from "./read-namespace.js";
import { readPermissions } from "./read-permissions.js";
import { readRoles } from "./read-roles.js";
import type { RawSchema } from "./raw-schema.js";
import type { Found } from "./find-declarations.js";
import { EMPTY_DOC } from "./parse-jsdoc.js";
import type { Reader } from "./schema-reader.js";
import { report, startOf } from "./schema-reader.js";
import { withoutByteOrderMark } from "../output/read-files.js";

/**
 * What a schema file is to its config: the one schema of a config without `modules`, a module
 * file (config `modules`), or the root schema beside modules, which holds only what is global.
 */
export type SchemaRole = "schema" | "module" | "root";

/** What `readSchema` returns: the raw declarations (undefined when unusable) and every problem. */
export interface ReadSchemaResult {
  readonly raw: RawSchema | undefined;
  readonly diagnostics: Diagnostic[];
}

/**
 * Reads a schema file statically and returns its raw declarations with 1-based positions
 * (`file` is used as the diagnostics' path, it is never opened). Syntax errors are PG0102 each
 * and stop the read; a missing `Resource`, `Action` or `permissions` is PG0103 at 1:1; a
 * declaration that is not exported is PG0104; a declaration of the wrong kind (`let`, a class,
 * an enum `permissions`) is PG0106; a non-literal expression inside a declaration is PG0105 at
 * its position. `raw` is undefined when a required declaration is missing or unusable; it is
 * returned alongside the other diagnostics so the model builder can report more in one run.
 */
export function readSchema(
  file: string,
  text: string,
  role: SchemaRole = "schema",
): ReadSchemaResult {
  // TypeScript's parser recurses once per nesting level: bound the depth before it runs, and
  // turn a stack overflow from a construct the bound does not count into a diagnostic too.
  const variant = file.endsWith(".tsx") ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard;
  const deep = findDeepNesting(text, variant);
  if (deep !== undefined) {
    const message = `brackets nest more than ${MAX_SCHEMA_NESTING} levels deep here; permgen does not parse a schema nested this deeply`;
    return { raw: undefined, diagnostics: [tooDeep(file, text, deep.offset, message)] };
  }
  try {
    return readSchemaText(file, text, role);
  } catch (error) {
    if (!(error instanceof RangeError && /call stack/i.test(error.message))) throw error;
    const message = "the schema nests expressions too deeply to be parsed (the parser ran out of stack); simplify it";
    return { raw: undefined, diagnostics: [tooDeep(file, text, 0, message)] };
  }
}

function tooDeep(file: string, text: string, offset: number, message: string): Diagnostic {
  // Lines end where TypeScript's do (LF, CRLF, CR, U+2028, U+2029): no SourceFile exists yet.
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) continue;
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { code: Codes.SchemaTooDeep, message, file, line, column: offset - lineStart + 1 };
}

function readSchemaText(file: string, text: string, role: SchemaRole): ReadSchemaResult {
  const sf = parseSchemaFile(file, text);
  const reader: Reader = { file, sf, diagnostics: [] };

  const syntax = syntacticDiagnostics(sf);
  if (syntax.length > 0) {
    for (const d of syntax) {
      const text = ts.flattenDiagnosticMessageText(d.messageText, "\n").replace(/\.$/, "");
      // Lowercase start like every permgen message, but keep acronyms ("JSX ...").
      const message = /^[A-Z][a-z]/.test(text) ? text[0]?.toLowerCase() + text.slice(1) : text;
      report(reader, Codes.SchemaSyntax, d.start ?? 0, `syntax error: ${message}`);
    }
    return { raw: undefined, diagnostics: reader.diagnostics };
  }

  const found = findDeclarations(sf);
  const exported = findExportSpecifiers(sf);
  if (role === "module") reportModuleNamespace(reader, found);
  if (role === "root") return readRootSchema(reader, found, exported);
  const resource = readEnumDeclarations(reader, "Resource", found.get("Resource") ?? [], exported);
  const action = readEnumDeclarations(reader, "Action", found.get("Action") ?? [], exported);
  const permissionsInit = readConstDeclaration(reader, "permissions", found, exported);
  const rolesInit = readConstDeclaration(reader, "roles", found, exported);
  const namespaceInit = readConstDeclaration(reader, "namespace", found, exported);
  const constraintsInit = readConstDeclaration(reader, "constraints", found, exported);

  const permissions =
    permissionsInit === undefined ? undefined : readPermissions(reader, permissionsInit);
  const roles = rolesInit === undefined ? undefined : readRoles(reader, rolesInit);
  const namespace = namespaceInit === undefined ? undefined : readNamespace(reader, namespaceInit);
  const constraints =
    constraintsInit === undefined ? undefined : readConstraints(reader, constraintsInit);

  if (resource === undefined || action === undefined || permissions === undefined) {
    return { raw: undefined, diagnostics: reader.diagnostics };
  }
  const raw: RawSchema = { file, resource, action, permissions, roles, namespace, constraints };
  return { raw, diagnostics: reader.diagnostics };
}

/**
 * Parses the schema text into a TypeScript source file, exactly as ts-morph's in-memory
 * `Project.createSourceFile` parsed it before (test/schema/parse-schema-file.test.ts compares
 * the two): a leading BOM stripped as ts-morph strips it, so every position is the same; the
 * latest language version; the script kind from the extension. Without the project it costs
 * less, and two choices change no diagnostic while saving work the reader never uses: no
 * parent pointers (the reader walks down from the file and passes the file wherever TypeScript
 * needs it), and no JSDoc parsing (the reader reads `/** *\/` comments itself, in readDoc; the
 * parser drops JSDoc errors of a TypeScript file anyway).
 */
export function parseSchemaFile(file: string, text: string): TS.SourceFile {
  // A fixed virtual path keeps the user's path out of the parse; the extension decides how the
  // file is parsed (.ts, .mts, .cts, .tsx).
  const extension = /\.(?:[mc]?ts|tsx)$/.exec(file)?.[0] ?? ".ts";
  const source = withoutByteOrderMark(text);
  const options = {
    languageVersion: ts.ScriptTarget.Latest,
    jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
  };
  return ts.createSourceFile(`/permgen-schema${extension}`, source, options, false);
}

/**
 * The parser's diagnostics for `sf`, through a program over that one file (what ts-morph's
 * project asked before): no lib, no resolution, no other file, so building it reads nothing
 * and parses nothing again.
 */
export function syntacticDiagnostics(sf: TS.SourceFile): readonly TS.Diagnostic[] {
  const host: TS.CompilerHost = {
    getSourceFile: (name) => (name === sf.fileName ? sf : undefined),
    getDefaultLibFileName: () => "/lib.d.ts",
    writeFile: () => undefined,
    getCurrentDirectory: () => "/",
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (name) => name === sf.fileName,
    readFile: () => undefined,
  };
  const options = { noLib: true, noResolve: true, types: [] };
  return ts.createProgram([sf.fileName], options, host).getSyntacticDiagnostics(sf);
}

/**
 * A module's name comes from the config alone (CONTRACT §10): a `namespace` in a module file is
 * PG0320 at its name, so renaming a module never needs an edit in a file another team owns.
 */
function reportModuleNamespace(reader: Reader, found: ReadonlyMap<string, readonly Found[]>): void {
  for (const decl of found.get("namespace") ?? []) {
    report(
      reader,
      Codes.ModuleDeclaresNamespace,
      startOf(reader, decl.nameNode),
      "a module file declares no namespace: the config's \"modules\" names the module, and its keys are prefixed with that name; remove this declaration (a namespace for the whole vocabulary belongs in the root schema, config \"schema\")",
    );
  }
}

/**
 * The root schema beside modules declares only what is global: roles (with qualified grants),
 * constraints and the namespace every key starts with. A `Resource`, `Action` or `permissions`
 * there is PG0321: every permission belongs to a module. The vocabulary parts of the raw
 * schema are empty, positioned at the file's start.
 */
function readRootSchema(
  reader: Reader,
  found: ReadonlyMap<string, readonly Found[]>,
  exported: ReadonlySet<string>,
): ReadSchemaResult {
  for (const name of ["Resource", "Action", "permissions"] as const) {
    for (const decl of found.get(name) ?? []) {
      report(
        reader,
        Codes.RootSchemaDeclaresVocabulary,
        startOf(reader, decl.nameNode),
        `the root schema of a config with "modules" declares only roles, constraints and the namespace; move ${name} into a module file (config "modules")`,
      );
    }
  }
  const rolesInit = readConstDeclaration(reader, "roles", found, exported);
  const namespaceInit = readConstDeclaration(reader, "namespace", found, exported);
  const constraintsInit = readConstDeclaration(reader, "constraints", found, exported);
  const roles = rolesInit === undefined ? undefined : readRoles(reader, rolesInit);
  const namespace = namespaceInit === undefined ? undefined : readNamespace(reader, namespaceInit);
  const constraints =
    constraintsInit === undefined ? undefined : readConstraints(reader, constraintsInit);
  const position = { file: reader.file, line: 1, column: 1 };
  const raw: RawSchema = {
    file: reader.file,
    resource: { name: "Resource", members: [], doc: EMPTY_DOC, position },
    action: { name: "Action", members: [], doc: EMPTY_DOC, position },
    permissions: { entries: [], doc: EMPTY_DOC, position },
    roles,
    namespace,
    constraints,
  };
  return { raw, diagnostics: reader.diagnostics };
}
