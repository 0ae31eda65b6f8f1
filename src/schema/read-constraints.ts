/**
 * Reading the optional `constraints` object (CONTRACT §9): `exclusive`, an array of arrays of
 * entry strings, and `restricted`, an object from a pattern string to an array of role names.
 * Only the shape is read here, with positions; what each string means (a declared key, a
 * resource, a role) is the model builder's to check (src/model/resolve-constraints.ts).
 */
import type { ts as TS } from "ts-morph";
import { ts } from "../loading/typescript.js";
import { Codes } from "../diagnostics/codes.js";
import { formatSuggestion } from "../diagnostics/suggest.js";
import type {
  RawConstraints,
  RawConstraintText,
  RawExclusiveSet,
  RawRestriction,
} from "./raw-schema.js";
import { reportUnsupported } from "./report-unsupported.js";
import type { ConstInit, Reader } from "./schema-reader.js";
import { positionAt, report, startOf, unwrap } from "./schema-reader.js";

const KINDS = ["exclusive", "restricted"] as const;
const EXCLUSIVE = "constraints.exclusive";
const RESTRICTED = "constraints.restricted";
const EXPECTED_SET = `expected a set such as ["payment.create", "payment.approve"]`;
const EXPECTED_ENTRY = `expected a permission key such as "payment.create", or "payment.*"`;
const EXPECTED_ROLES = `expected an array of role names such as ["rt_lead"]`;

/**
 * Reads `constraints`. A property other than `exclusive` and `restricted`, a computed or
 * numeric name is PG0310; a kind written twice is PG0313; a value that is not the literal
 * expected there (a spread, a call, a reference, a number) is PG0105. Whatever is malformed is
 * skipped and the rest still read, so one run reports every problem. Undefined when the value
 * is not an object literal.
 */
export function readConstraints(reader: Reader, decl: ConstInit): RawConstraints | undefined {
  const object = unwrap(decl.init);
  if (!ts.isObjectLiteralExpression(object)) {
    reportUnsupported(reader, object, "constraints", "expected an object literal");
    return undefined;
  }
  let exclusive: RawExclusiveSet[] = [];
  let restricted: RawRestriction[] = [];
  const seen = new Set<string>();
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property)) {
      const expected = `expected "exclusive: [...]" or "restricted: {...}"`;
      reportUnsupported(reader, property, "constraints", expected);
      continue;
    }
    const name = readPropertyName(reader, property.name, "constraints", `exclusive: [...]`);
    if (name === undefined) continue;
    if (name !== "exclusive" && name !== "restricted") {
      report(
        reader,
        Codes.InvalidConstraint,
        startOf(reader, property.name),
        `unknown constraint ${JSON.stringify(name)}: constraints has "exclusive" and "restricted"` +
          formatSuggestion(name, KINDS),
      );
      continue;
    }
    if (seen.has(name)) {
      report(
        reader,
        Codes.DuplicateConstraintEntry,
        startOf(reader, property.name),
        `constraints.${name} is declared twice; write all its entries in one`,
      );
      continue;
    }
    seen.add(name);
    if (name === "exclusive") exclusive = readExclusive(reader, property.initializer);
    else restricted = readRestricted(reader, property.initializer);
  }
  return { exclusive, restricted, position: decl.position };
}

function readExclusive(reader: Reader, init: TS.Expression): RawExclusiveSet[] {
  const value = unwrap(init);
  if (!ts.isArrayLiteralExpression(value)) {
    const expected = `expected an array of sets such as [["payment.create", "payment.approve"]]`;
    reportUnsupported(reader, value, EXCLUSIVE, expected);
    return [];
  }
  const sets: RawExclusiveSet[] = [];
  for (const element of value.elements) {
    const set = unwrap(element);
    if (!ts.isArrayLiteralExpression(set)) {
      reportUnsupported(reader, set, EXCLUSIVE, EXPECTED_SET);
      continue;
    }
    const entries = readStrings(reader, set, EXCLUSIVE, EXPECTED_ENTRY);
    sets.push({ entries, position: positionAt(reader, startOf(reader, set)) });
  }
  return sets;
}

function readRestricted(reader: Reader, init: TS.Expression): RawRestriction[] {
  const value = unwrap(init);
  if (!ts.isObjectLiteralExpression(value)) {
    const expected = `expected an object such as { "user.manage": ["rt_lead"] }`;
    reportUnsupported(reader, value, RESTRICTED, expected);
    return [];
  }
  const restrictions: RawRestriction[] = [];
  for (const property of value.properties) {
    if (!ts.isPropertyAssignment(property)) {
      reportUnsupported(reader, property, RESTRICTED, `expected "user.manage": ["rt_lead"]`);
      continue;
    }
    const text = readPropertyName(reader, property.name, RESTRICTED, `"user.manage": [...]`);
    const roles = unwrap(property.initializer);
    if (!ts.isArrayLiteralExpression(roles)) {
      reportUnsupported(reader, roles, RESTRICTED, EXPECTED_ROLES);
      continue;
    }
    const names = readStrings(reader, roles, RESTRICTED, `expected a role name such as "rt_lead"`);
    if (text === undefined) continue;
    const pattern = { text, position: positionAt(reader, startOf(reader, property.name)) };
    restrictions.push({ pattern, roles: names });
  }
  return restrictions;
}

/** The string elements of an array literal; any other element is PG0105 and skipped. */
function readStrings(
  reader: Reader,
  array: TS.ArrayLiteralExpression,
  where: string,
  expected: string,
): RawConstraintText[] {
  const texts: RawConstraintText[] = [];
  for (const element of array.elements) {
    const item = unwrap(element);
    if (ts.isStringLiteral(item) || ts.isNoSubstitutionTemplateLiteral(item)) {
      texts.push({ text: item.text, position: positionAt(reader, startOf(reader, item)) });
    } else {
      reportUnsupported(reader, item, where, expected);
    }
  }
  return texts;
}

/**
 * A property name written as an identifier or a string; a computed name (even of a string:
 * `[Resource.User]` would need the enum's value, and keys are written as strings) or a numeric
 * one is PG0310.
 */
function readPropertyName(
  reader: Reader,
  name: TS.PropertyName,
  where: string,
  example: string,
): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  const what = ts.isComputedPropertyName(name) ? "computed key" : "key";
  const written = name.getText(reader.sf).replace(/\s+/g, " ").slice(0, 40);
  report(
    reader,
    Codes.InvalidConstraint,
    startOf(reader, name),
    `unsupported ${what} \`${written}\` in ${where}: write the name itself, such as ${example}`,
  );
  return undefined;
}
