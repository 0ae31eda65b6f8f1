/**
 * What every part of the schema reader shares: the state of one read (the parsed file and the
 * diagnostics so far), positions, JSDoc, the wrappers a value may carry, and `report`. Each
 * construct (declarations, enums, the permissions object, roles, the namespace) is read by its
 * own module on top of these.
 */
import type { ts as TS } from "ts-morph";
import { ts } from "../loading/typescript.js";
import type { Diagnostic, DiagnosticCode } from "../diagnostics/diagnostic.js";
import type { Doc, SourcePosition } from "../model/model.js";
import { EMPTY_DOC, parseJsDoc } from "./parse-jsdoc.js";

/** The enums permgen reads. */
export type EnumName = "Resource" | "Action";

/** The `const` declarations permgen reads. */
export type ConstName = "permissions" | "roles" | "namespace" | "constraints";

/** Per-file state of one read: the parsed file and the diagnostics collected so far. */
export interface Reader {
  readonly file: string;
  readonly sf: TS.SourceFile;
  readonly diagnostics: Diagnostic[];
}

/** A `const` declaration's value, its JSDoc and the position of its name. */
export interface ConstInit {
  readonly init: TS.Expression;
  readonly doc: Doc;
  readonly position: SourcePosition;
}

/** Strips the wrappers that do not change a value: parentheses, `as const`, `satisfies T`. */
export function unwrap(node: TS.Expression): TS.Expression {
  let expr = node;
  for (;;) {
    if (ts.isParenthesizedExpression(expr) || ts.isSatisfiesExpression(expr)) {
      expr = expr.expression;
    } else if (ts.isAsExpression(expr) && isConstType(expr.type)) {
      expr = expr.expression;
    } else {
      return expr;
    }
  }
}

function isConstType(type: TS.TypeNode): boolean {
  return (
    ts.isTypeReferenceNode(type) &&
    ts.isIdentifier(type.typeName) &&
    type.typeName.text === "const" &&
    type.typeArguments === undefined
  );
}

/**
 * The JSDoc comment written right before a node: the last `/** *\/` between the previous token
 * and the node. Like TypeScript does for parameters, a comment on the previous token's line
 * counts too, so `[Action.Read, /** doc *\/ Action.Write]` documents `Action.Write`.
 */
export function readDoc(reader: Reader, node: TS.Node): Doc {
  const text = reader.sf.text;
  const ranges = [
    ...(ts.getTrailingCommentRanges(text, node.pos) ?? []),
    ...(ts.getLeadingCommentRanges(text, node.pos) ?? []),
  ];
  for (let i = ranges.length - 1; i >= 0; i--) {
    const range = ranges[i];
    if (range === undefined) continue;
    const comment = text.slice(range.pos, range.end);
    if (comment.startsWith("/**") && comment !== "/**/") return parseJsDoc(comment);
  }
  return EMPTY_DOC;
}

/** Where a node starts in the file, past its leading trivia (what positions point at). */
export function startOf(reader: Reader, node: TS.Node): number {
  return node.getStart(reader.sf);
}

/** The 1-based line and column of an offset, in the file the read is about. */
export function positionAt(reader: Reader, offset: number): SourcePosition {
  const { line, character } = reader.sf.getLineAndCharacterOfPosition(offset);
  return { file: reader.file, line: line + 1, column: character + 1 };
}

/** Records a diagnostic at an offset; the read goes on, so one run reports every problem. */
export function report(reader: Reader, code: DiagnosticCode, offset: number, message: string): void {
  const { line, column } = positionAt(reader, offset);
  reader.diagnostics.push({ code, message, file: reader.file, line, column });
}
