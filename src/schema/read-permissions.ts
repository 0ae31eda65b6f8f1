/**
 * Reading the `permissions` object: each key a resource (`[Resource.X]` or its string value),
 * each value an array of actions (`Action.Y` or its string value), with the JSDoc before a key
 * or an element.
 */
import type { ts as TS } from "ts-morph";
import { ts } from "../loading/typescript.js";
import type { RawPermissionAction, RawPermissionEntry, RawPermissions, RawRef } from "./raw-schema.js";
import { reportUnsupported } from "./report-unsupported.js";
import type { ConstInit, EnumName, Reader } from "./schema-reader.js";
import { positionAt, readDoc, startOf, unwrap } from "./schema-reader.js";

/**
 * Reads the `permissions` object; an entry that is not `key: [ ... ]` is PG0105 and skipped, so
 * the rest is still read. Undefined when the value is not an object literal.
 */
export function readPermissions(
  reader: Reader,
  decl: ConstInit,
): RawPermissions | undefined {
  const object = unwrap(decl.init);
  if (!ts.isObjectLiteralExpression(object)) {
    reportUnsupported(reader, object, "permissions", "expected an object literal");
    return undefined;
  }
  const entries: RawPermissionEntry[] = [];
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property)) {
      reportUnsupported(reader, property, "permissions", `expected "[Resource.Member]: [...]"`);
      continue;
    }
    const resource = readResourceKey(reader, property.name);
    const value = unwrap(property.initializer);
    if (!ts.isArrayLiteralExpression(value)) {
      reportUnsupported(reader, value, "permissions", "expected an array of actions");
      continue;
    }
    const actions: RawPermissionAction[] = value.elements.map((element) => ({
      action: readActionElement(reader, element),
      doc: readDoc(reader, element),
    }));
    entries.push({ resource, actions, doc: readDoc(reader, property) });
  }
  return { entries, doc: decl.doc, position: decl.position };
}

function readResourceKey(reader: Reader, name: TS.PropertyName): RawRef {
  if (ts.isStringLiteral(name) || ts.isIdentifier(name)) {
    return {
      kind: "string",
      value: name.text,
      position: positionAt(reader, startOf(reader, name)),
    };
  }
  if (ts.isComputedPropertyName(name)) {
    return readRef(reader, name.expression, "Resource", "permissions keys");
  }
  reportUnsupported(reader, name, "permissions keys", "expected [Resource.Member] or a resource string");
  return { kind: "rejected" };
}

function readActionElement(reader: Reader, element: TS.Expression): RawRef {
  return readRef(reader, element, "Action", "permissions");
}

/** Reads `Enum.Member`, `Enum["Member"]` or a string literal; anything else is PG0105. */
function readRef(reader: Reader, node: TS.Expression, enumName: EnumName, where: string): RawRef {
  const expr = unwrap(node);
  const position = positionAt(reader, startOf(reader, expr));
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) {
    return { kind: "string", value: expr.text, position };
  }
  if (
    ts.isPropertyAccessExpression(expr) &&
    ts.isIdentifier(expr.expression) &&
    expr.expression.text === enumName &&
    ts.isIdentifier(expr.name)
  ) {
    return { kind: "member", member: expr.name.text, position };
  }
  if (
    ts.isElementAccessExpression(expr) &&
    ts.isIdentifier(expr.expression) &&
    expr.expression.text === enumName &&
    (ts.isStringLiteral(expr.argumentExpression) ||
      ts.isNoSubstitutionTemplateLiteral(expr.argumentExpression))
  ) {
    return { kind: "member", member: expr.argumentExpression.text, position };
  }
  const expected =
    enumName === "Resource"
      ? "expected Resource.Member or a resource string"
      : "expected Action.Member or an action string";
  reportUnsupported(reader, expr, where, expected);
  return { kind: "rejected" };
}
