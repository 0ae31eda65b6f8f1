/**
 * Reporting what permgen does not evaluate: PG0105 at an expression inside a declaration it
 * reads, naming the construct in words ("call", "spread", "variable reference") and quoting
 * it, so the user sees that permgen reads the schema rather than running it.
 */
import type { ts as TS } from "ts-morph";
import { ts } from "../loading/typescript.js";
import { Codes } from "../diagnostics/codes.js";
import type { Reader } from "./schema-reader.js";
import { report, startOf } from "./schema-reader.js";

/** Reports PG0105 for an expression permgen does not evaluate, naming what was found. */
export function reportUnsupported(reader: Reader, node: TS.Node, where: string, expected: string): void {
  const runs =
    ts.isCallExpression(node) ||
    ts.isNewExpression(node) ||
    ts.isIdentifier(node) ||
    ts.isSpreadElement(node) ||
    ts.isSpreadAssignment(node) ||
    ts.isShorthandPropertyAssignment(node) ||
    ts.isPropertyAccessExpression(node) ||
    ts.isElementAccessExpression(node);
  const note = runs ? " (permgen reads the schema, it does not run it)" : "";
  report(
    reader,
    Codes.UnsupportedExpression,
    startOf(reader, node),
    `unsupported ${describeNode(node)} \`${snippet(reader, node)}\` in ${where}; ${expected}${note}`,
  );
}

const NODE_WORDS: ReadonlyMap<TS.SyntaxKind, string> = new Map([
  [ts.SyntaxKind.CallExpression, "call"],
  [ts.SyntaxKind.NewExpression, "constructor call"],
  [ts.SyntaxKind.SpreadElement, "spread"],
  [ts.SyntaxKind.SpreadAssignment, "spread"],
  [ts.SyntaxKind.Identifier, "variable reference"],
  [ts.SyntaxKind.ShorthandPropertyAssignment, "shorthand property"],
  [ts.SyntaxKind.MethodDeclaration, "method"],
  [ts.SyntaxKind.GetAccessor, "getter"],
  [ts.SyntaxKind.SetAccessor, "setter"],
  [ts.SyntaxKind.NumericLiteral, "number"],
  [ts.SyntaxKind.BigIntLiteral, "number"],
  [ts.SyntaxKind.PrefixUnaryExpression, "computed value"],
  [ts.SyntaxKind.BinaryExpression, "computed value"],
  [ts.SyntaxKind.TemplateExpression, "template literal with substitutions"],
  [ts.SyntaxKind.TaggedTemplateExpression, "tagged template"],
  [ts.SyntaxKind.ConditionalExpression, "conditional expression"],
  [ts.SyntaxKind.ArrowFunction, "function"],
  [ts.SyntaxKind.FunctionExpression, "function"],
  [ts.SyntaxKind.ObjectLiteralExpression, "object"],
  [ts.SyntaxKind.ArrayLiteralExpression, "array"],
  [ts.SyntaxKind.PropertyAccessExpression, "reference"],
  [ts.SyntaxKind.ElementAccessExpression, "reference"],
  [ts.SyntaxKind.OmittedExpression, "empty array slot"],
  [ts.SyntaxKind.TrueKeyword, "boolean"],
  [ts.SyntaxKind.FalseKeyword, "boolean"],
  [ts.SyntaxKind.NullKeyword, "null"],
  [ts.SyntaxKind.AsExpression, "type assertion"],
  [ts.SyntaxKind.TypeAssertionExpression, "type assertion"],
  [ts.SyntaxKind.NonNullExpression, "non-null assertion"],
  [ts.SyntaxKind.ComputedPropertyName, "computed name"],
  [ts.SyntaxKind.PrivateIdentifier, "private name"],
]);

function describeNode(node: TS.Node): string {
  const word = NODE_WORDS.get(node.kind);
  if (word !== undefined) return word;
  // Fallback: the syntax kind in words ("AwaitExpression" -> "await expression").
  return ts.SyntaxKind[node.kind].replace(/(?<=[a-z])(?=[A-Z])/g, " ").toLowerCase();
}

function snippet(reader: Reader, node: TS.Node): string {
  const text = node.getText(reader.sf).replace(/\s+/g, " ");
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
