/**
 * A bound on how deeply the schema file nests brackets, checked before TypeScript parses it.
 *
 * TypeScript's parser is recursive descent: a few hundred nested `[`, `(`, `{` or `<` exhaust
 * the JavaScript stack ("Maximum call stack size exceeded"), and it does not matter whether
 * the nesting is in one of permgen's declarations or in a statement permgen ignores. So the
 * text is scanned first with TypeScript's scanner, which is a loop, not a recursion: the
 * first opener past MAX_SCHEMA_NESTING is reported at its position. Real schemas nest 3 or 4
 * levels; 64 leaves room for any hand-written type and stays far below the depth at which the
 * parser overflows (about 560 levels of `A<A<…>>`, fewer under a deep caller stack).
 *
 * The scan is approximate where TypeScript's grammar is ambiguous without parsing (regular
 * expressions vs division, `<` as a comparison): it may see a little more nesting than the
 * parser would, never a different file.
 */
import type { ts as TS } from "ts-morph";
import { ts } from "../loading/typescript.js";

/** The deepest bracket nesting a schema file may have. */
export const MAX_SCHEMA_NESTING = 64;

/** Where nesting first goes past the bound: the offset of the opener and the depth reached. */
export interface DeepNesting {
  readonly offset: number;
  readonly depth: number;
}

type Opener = "(" | "[" | "{" | "<" | "${";

const K = ts.SyntaxKind;

// Tokens after which a `/` is division; after anything else it starts a regular expression.
const ENDS_EXPRESSION = new Set<TS.SyntaxKind>([
  K.Identifier,
  K.PrivateIdentifier,
  K.NumericLiteral,
  K.BigIntLiteral,
  K.StringLiteral,
  K.RegularExpressionLiteral,
  K.NoSubstitutionTemplateLiteral,
  K.TemplateTail,
  K.CloseParenToken,
  K.CloseBracketToken,
  K.CloseBraceToken,
  K.PlusPlusToken,
  K.MinusMinusToken,
  K.ThisKeyword,
  K.SuperKeyword,
  K.TrueKeyword,
  K.FalseKeyword,
  K.NullKeyword,
]);

const MAY_OPEN_TYPE_ARGUMENTS = new Set<TS.SyntaxKind>([
  K.Identifier,
  K.LessThanToken,
  K.EqualsToken,
  K.OpenParenToken,
  K.CommaToken,
  K.ColonToken,
]);

/**
 * Scans `text` (a TypeScript file) and returns where bracket nesting first exceeds `limit`,
 * or undefined when it never does.
 */
export function findDeepNesting(
  text: string,
  variant: TS.LanguageVariant = ts.LanguageVariant.Standard,
  limit: number = MAX_SCHEMA_NESTING,
): DeepNesting | undefined {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, variant, text);
  const stack: Opener[] = [];
  let previous: TS.SyntaxKind = K.Unknown;
  for (let token = scanner.scan(); token !== K.EndOfFileToken; token = scanner.scan()) {
    if ((token === K.SlashToken || token === K.SlashEqualsToken) && !ENDS_EXPRESSION.has(previous)) {
      token = scanner.reScanSlashToken();
    }
    let opened: Opener | undefined;
    switch (token) {
      case K.OpenParenToken:
        opened = "(";
        break;
      case K.OpenBracketToken:
        opened = "[";
        break;
      case K.OpenBraceToken:
        opened = "{";
        break;
      case K.LessThanToken:
        // `Name<`, `= <T>(…) =>`, `A<B<`: type arguments or parameters; `1 < 2` is a comparison.
        if (MAY_OPEN_TYPE_ARGUMENTS.has(previous)) opened = "<";
        break;
      case K.TemplateHead:
        opened = "${";
        break;
      case K.GreaterThanToken:
        if (stack[stack.length - 1] === "<") stack.pop();
        break;
      case K.SemicolonToken:
      case K.AmpersandAmpersandToken:
      case K.BarBarToken:
      case K.QuestionQuestionToken:
      case K.QuestionToken:
        // A `<` still open here was a comparison (`a < b && c < d`).
        while (stack[stack.length - 1] === "<") stack.pop();
        break;
      case K.CloseParenToken:
      case K.CloseBracketToken:
        closeUpTo(stack, token === K.CloseParenToken ? "(" : "[");
        break;
      case K.CloseBraceToken: {
        while (stack[stack.length - 1] === "<") stack.pop();
        if (stack[stack.length - 1] === "${") {
          token = scanner.reScanTemplateToken(false);
          if (token === K.TemplateTail) stack.pop();
        } else {
          closeUpTo(stack, "{");
        }
        break;
      }
    }
    if (opened !== undefined) {
      stack.push(opened);
      if (stack.length > limit) return { offset: scanner.getTokenStart(), depth: stack.length };
    }
    previous = token;
  }
  return undefined;
}

/** Pops through the innermost `opener` (and any `<` comparisons above it), if it is open. */
function closeUpTo(stack: Opener[], opener: Opener): void {
  const at = stack.lastIndexOf(opener);
  if (at >= 0) stack.length = at;
}
