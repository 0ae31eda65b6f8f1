/**
 * Reading the optional `roles` object: each key a role name, each value an array of grant
 * strings, with the JSDoc before each role.
 */
import type { ts as TS } from "ts-morph";
import { ts } from "../loading/typescript.js";
import type { RawGrant, RawRole, RawRoles } from "./raw-schema.js";
import { reportUnsupported } from "./report-unsupported.js";
import type { ConstInit, Reader } from "./schema-reader.js";
import { positionAt, readDoc, startOf, unwrap } from "./schema-reader.js";

/**
 * Reads the `roles` object; a role or grant that is not a literal is PG0105 and skipped, so the
 * rest is still read. Undefined when the value is not an object literal.
 */
export function readRoles(
  reader: Reader,
  decl: ConstInit,
): RawRoles | undefined {
  const object = unwrap(decl.init);
  if (!ts.isObjectLiteralExpression(object)) {
    reportUnsupported(reader, object, "roles", "expected an object literal");
    return undefined;
  }
  const roles: RawRole[] = [];
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property)) {
      reportUnsupported(reader, property, "roles", `expected "role_name: [...]"`);
      continue;
    }
    const name = readRoleName(reader, property.name);
    const value = unwrap(property.initializer);
    if (!ts.isArrayLiteralExpression(value)) {
      reportUnsupported(reader, value, "roles", "expected an array of grant strings");
      continue;
    }
    const grants: RawGrant[] = [];
    for (const element of value.elements) {
      const grant = unwrap(element);
      if (ts.isStringLiteral(grant) || ts.isNoSubstitutionTemplateLiteral(grant)) {
        grants.push({ text: grant.text, position: positionAt(reader, startOf(reader, grant)) });
      } else {
        reportUnsupported(reader, grant, "roles", `expected a grant string such as "alert.*"`);
      }
    }
    if (name === undefined) continue;
    roles.push({
      name,
      grants,
      doc: readDoc(reader, property),
      position: positionAt(reader, startOf(reader, property.name)),
    });
  }
  return { roles, doc: decl.doc, position: decl.position };
}

function readRoleName(reader: Reader, name: TS.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) {
    const expr = unwrap(name.expression);
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return expr.text;
    reportUnsupported(reader, expr, "roles", "expected a role name");
    return undefined;
  }
  reportUnsupported(reader, name, "roles", "expected a role name");
  return undefined;
}
