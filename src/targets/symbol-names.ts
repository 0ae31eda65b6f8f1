/**
 * The exported symbols a code target emits besides the vocabulary's members (`Role`,
 * `ROLE_PERMISSIONS`, `requirePermission`, …) and the `names` option that renames them, so
 * generated code can take the place of a hand-written module without touching its consumers
 * (CONTRACT §13).
 *
 * Each language lists its symbols once, as data (`SymbolSpec[]` in its `symbols.ts`); the
 * config check, the README table and the emitter all read that list, so adding a symbol is
 * one more entry. The emitter asks `SymbolNames.get(symbol)` wherever it writes one, and the
 * runtime templates (which are real source files written with the default names) are renamed
 * token by token by `renameSymbols`, which never touches a member access (`x.Role`), a
 * method or field declaration, or string text other than a literal that is exactly a symbol.
 */
import { z } from "zod";
import { Codes } from "../diagnostics/codes.js";

/** One exported symbol of a target. */
export interface SymbolSpec {
  /** The name permgen emits by default, and the key users write in `names`. */
  readonly symbol: string;
  /** What it is, for the README table and messages. */
  readonly kind: "type" | "const" | "function" | "class" | "var";
  /** When it exists, if not always (the README says so). */
  readonly when?: "roles" | "fastapi" | "own types";
}

/** A problem with a target option found after the schema accepted its shape; positioned by the config reader. */
export interface OptionProblem {
  readonly code: (typeof Codes)[keyof typeof Codes];
  /** JSON path below the target's object, for example `["names", "Role"]`. */
  readonly path: readonly (string | number)[];
  /** Whether the diagnostic points at the key (`names` entries) rather than the value. */
  readonly atKey?: boolean;
  readonly message: string;
}

/** The names a target emits for its symbols: defaults unless `names` renames them. */
export class SymbolNames {
  readonly #names: ReadonlyMap<string, string>;
  readonly #language: string;

  constructor(
    language: string,
    specs: readonly SymbolSpec[],
    names?: Readonly<Record<string, string>>,
  ) {
    this.#language = language;
    this.#names = new Map(specs.map((s) => [s.symbol, names?.[s.symbol] ?? s.symbol]));
  }

  /** The emitted name of `symbol`; throws when the target has no such symbol (a permgen bug). */
  get(symbol: string): string {
    const name = this.#names.get(symbol);
    if (name === undefined) throw new Error(`the ${this.#language} symbol table has no ${symbol}`);
    return name;
  }

  /** Every symbol whose emitted name differs from its default, default → emitted. */
  renamed(): ReadonlyMap<string, string> {
    return new Map([...this.#names].filter(([symbol, name]) => symbol !== name));
  }

  /** Every emitted name. */
  values(): ReadonlySet<string> {
    return new Set(this.#names.values());
  }
}

/** The zod schema of a target's `names` option. */
export function buildNamesOption(
  language: string,
): z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodString>> {
  return z
    .record(z.string(), z.string())
    .optional()
    .describe(
      `Renames exported symbols of the ${language} output: { "<symbol permgen emits>": "<name to emit>" }, so the generated module can replace existing code without changing its consumers. The README lists every symbol. Default: none renamed.`,
    );
}

/** How a language decides whether a name is usable for an exported symbol. */
export interface IdentifierRules {
  readonly language: string;
  readonly pattern: RegExp;
  /** What `pattern` requires, for the message. */
  readonly patternText: string;
  readonly reserved: ReadonlySet<string>;
}

/**
 * Checks a target's `names` option against its symbol table: an unknown symbol (PG0403), a
 * name that is not an identifier the language accepts or is reserved (PG0404), and two
 * symbols that end up with one name, renamed or not (PG0405). `extra` lists other names the
 * output declares at the top level (generated files' fixed helpers), which a name must avoid too.
 */
export function checkNamesOption(
  names: Readonly<Record<string, string>> | undefined,
  specs: readonly SymbolSpec[],
  rules: IdentifierRules,
  extra: ReadonlySet<string> = new Set(),
): OptionProblem[] {
  if (names === undefined) return [];
  const problems: OptionProblem[] = [];
  const known = new Set(specs.map((s) => s.symbol));
  for (const [symbol, name] of Object.entries(names)) {
    if (!known.has(symbol)) {
      const close = specs
        .map((s) => s.symbol)
        .filter((s) => s.toLowerCase() === symbol.toLowerCase());
      const hint = close.length > 0 ? `; did you mean ${JSON.stringify(close[0])}?` : "";
      problems.push({
        code: Codes.NamesUnknownSymbol,
        path: ["names", symbol],
        atKey: true,
        message: `the ${rules.language} target emits no symbol ${JSON.stringify(symbol)}${hint} (the README lists them)`,
      });
      continue;
    }
    if (!rules.pattern.test(name)) {
      problems.push({
        code: Codes.NamesInvalidName,
        path: ["names", symbol],
        message: `${JSON.stringify(name)} is not a ${rules.language} identifier (${rules.patternText})`,
      });
    } else if (rules.reserved.has(name)) {
      problems.push({
        code: Codes.NamesInvalidName,
        path: ["names", symbol],
        message: `${JSON.stringify(name)} is a reserved word in ${rules.language}`,
      });
    }
  }
  const owners = new Map<string, string>();
  for (const spec of specs) {
    const name = names[spec.symbol] ?? spec.symbol;
    const owner = owners.get(name);
    const renamed = names[spec.symbol] !== undefined;
    if (owner !== undefined && (renamed || names[owner] !== undefined)) {
      const at = renamed ? spec.symbol : owner;
      problems.push({
        code: Codes.NamesDuplicate,
        path: ["names", at],
        message: `${JSON.stringify(spec.symbol)} and ${JSON.stringify(owner)} would both be named ${JSON.stringify(name)} in ${rules.language}`,
      });
    } else if (owner === undefined) {
      owners.set(name, spec.symbol);
    }
    if (renamed && extra.has(name)) {
      problems.push({
        code: Codes.NamesDuplicate,
        path: ["names", spec.symbol],
        message: `${JSON.stringify(name)} is already a name the generated ${rules.language} file declares`,
      });
    }
  }
  return problems;
}

/** The lexical shape of one language, as far as renaming needs it. */
export interface RenameSyntax {
  /** Line comment start: `//` or `#`. */
  readonly lineComment: "//" | "#";
  /** Whether `/* … *\/` comments exist. */
  readonly blockComments: boolean;
  /** Whether `"""…"""` docstrings exist (Python): renamed like comments, as prose about the code. */
  readonly tripleStrings: boolean;
  /** Whether backquotes delimit strings (Go raw strings, TypeScript templates). */
  readonly backquoteStrings: boolean;
  /**
   * Go only: leave a method's name in `func (r T) Name(` and a struct field's name at the start
   * of a line (`\tResource Resource`) alone; those are members, not the symbols.
   */
  readonly goDeclarations?: boolean;
  /**
   * Rust only: `'` starts a lifetime unless it is a char literal, and a name after `::` (a
   * variant path), an enum variant line (`    Name,`) or an associated const (`    pub const
   * Name`) is a member, not a symbol.
   */
  readonly rustDeclarations?: boolean;
  /**
   * Whether words in comments are renamed too (default true). False for text that carries
   * schema documentation, which is the user's prose and stays as written.
   */
  readonly comments?: boolean;
  /**
   * Whether identifiers in code are renamed (default true). False when a syntax-aware pass
   * renames them afterwards (TypeScript), so each occurrence is renamed exactly once.
   */
  readonly identifiers?: boolean;
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const CHAR_LITERAL = /^'(?:[^'\\\n]|\\[^\n]{1,9}?)'/;

/**
 * Renames the symbols in `renames` (default → emitted) in a runtime template's text: every
 * identifier token, and every word in a comment or docstring, that is exactly a renamed
 * symbol, except after `.` (a member access) and, in Go, method and field declarations. A
 * string literal is renamed only when its whole text is a symbol (`name = "PermissionDeniedError"`);
 * other string text is data and stays as it is.
 */
export function renameSymbols(
  text: string,
  renames: ReadonlyMap<string, string>,
  syntax: RenameSyntax,
): string {
  if (renames.size === 0) return text;
  const renameWords = (prose: string): string =>
    syntax.comments === false ? prose : prose.replace(/(?<![.\w])[A-Za-z_][A-Za-z0-9_]*/g, (w) => renames.get(w) ?? w);
  const rest = text.startsWith.bind(text);
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (rest(syntax.lineComment, i)) {
      const end = text.indexOf("\n", i);
      const stop = end === -1 ? text.length : end;
      const method = syntax.goDeclarations === true ? findDocumentedMethod(text, stop) : undefined;
      const comment = text.slice(i, stop);
      // A Go method's doc comment starts with the method's name, a member like its declaration.
      out +=
        method !== undefined && comment.startsWith(`// ${method} `)
          ? `// ${method} ${renameWords(comment.slice(method.length + 4))}`
          : renameWords(comment);
      i = stop;
    } else if (syntax.blockComments && rest("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += renameWords(text.slice(i, stop));
      i = stop;
    } else if (syntax.tripleStrings && (rest('"""', i) || rest("'''", i))) {
      const quote = text.slice(i, i + 3);
      const end = text.indexOf(quote, i + 3);
      const stop = end === -1 ? text.length : end + 3;
      out += renameWords(text.slice(i, stop));
      i = stop;
    } else if (
      ch === '"' ||
      (ch === "'" &&
        (syntax.rustDeclarations !== true || CHAR_LITERAL.test(text.slice(i, i + 12)))) ||
      (syntax.backquoteStrings && ch === "`")
    ) {
      let j = i + 1;
      while (j < text.length && text[j] !== ch && (ch === "`" || text[j] !== "\n")) {
        j += text[j] === "\\" && ch !== "`" ? 2 : 1;
      }
      const body = text.slice(i + 1, j);
      const renamed = renames.get(body);
      out += renamed === undefined ? text.slice(i, j + 1) : `${ch}${renamed}${ch}`;
      i = j + 1;
    } else if (/[A-Za-z_]/.test(ch) && (i === 0 || !/[\w$]/.test(text[i - 1] as string))) {
      WORD.lastIndex = i;
      const word = (WORD.exec(text) as RegExpExecArray)[0];
      const end = i + word.length;
      const renamed = renames.get(word);
      const rename = renamed !== undefined && syntax.identifiers !== false;
      out += rename && !isMemberPosition(text, i, end, syntax) ? renamed : word;
      i = end;
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}

/**
 * The method a Go comment line ending at `end` documents: the name in the `func (r T) Name(`
 * line after the comment block it belongs to, or undefined.
 */
function findDocumentedMethod(text: string, end: number): string | undefined {
  let next = end + 1;
  while (next < text.length) {
    const lineEnd = text.indexOf("\n", next);
    const line = text.slice(next, lineEnd === -1 ? text.length : lineEnd);
    if (!line.startsWith("//")) {
      return /^func \([^)]*\) ([A-Za-z_][A-Za-z0-9_]*)\(/.exec(line)?.[1];
    }
    if (lineEnd === -1) return undefined;
    next = lineEnd + 1;
  }
  return undefined;
}

/** Whether the word at [start, end) is a member (after `.`, a Go method or field name). */
function isMemberPosition(text: string, start: number, end: number, syntax: RenameSyntax): boolean {
  if (text[start - 1] === ".") return true;
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const before = text.slice(lineStart, start);
  if (syntax.rustDeclarations === true) {
    if (text.slice(start - 2, start) === "::") return true;
    if (/^ +pub const $/.test(before)) return true;
    return /^ +$/.test(before) && /^,\n/.test(text.slice(end, end + 2));
  }
  if (syntax.goDeclarations !== true) return false;
  if (/^func \([^)]*\) $/.test(before) && text[end] === "(") return true;
  return /^\t+$/.test(before) && /^[ \t]+[A-Za-z_*[]/.test(text.slice(end));
}
