/**
 * Reading the `Resource` and `Action` enums: members in file order (several declarations merge,
 * as in TypeScript), each with its name, its string value (or what was found instead), its
 * JSDoc and its position.
 */
import type { ts as TS } from "ts-morph";
import { ts } from "../loading/typescript.js";
import { Codes } from "../diagnostics/codes.js";
import type { SourcePosition } from "../model/model.js";
import type { Found } from "./find-declarations.js";
import { isExported } from "./find-declarations.js";
import type { RawEnum, RawEnumMember, RawEnumValue } from "./raw-schema.js";
import { reportUnsupported } from "./report-unsupported.js";
import type { EnumName, Reader } from "./schema-reader.js";
import { positionAt, readDoc, report, startOf, unwrap } from "./schema-reader.js";

/**
 * Reads the `Resource` or `Action` enum. Several declarations of the same enum merge (as they
 * do in TypeScript), members in file order.
 */
export function readEnumDeclarations(
  reader: Reader,
  name: EnumName,
  declarations: readonly Found[],
  exported: ReadonlySet<string>,
): RawEnum | undefined {
  if (declarations.length === 0) {
    report(
      reader,
      Codes.MissingDeclaration,
      0,
      `the schema declares no ${name} enum; add "export enum ${name} { ... }"`,
    );
    return undefined;
  }
  const members: RawEnumMember[] = [];
  let usable = true;
  let first: TS.EnumDeclaration | undefined;
  for (const found of declarations) {
    const decl = found.enumDecl;
    if (decl === undefined) {
      usable = false;
      report(
        reader,
        Codes.UnsupportedDeclaration,
        startOf(reader, found.nameNode),
        `${name} must be an enum: write "export enum ${name} { ... }"`,
      );
      continue;
    }
    if (!isExported(found, name, exported)) {
      report(
        reader,
        Codes.NotExported,
        startOf(reader, found.nameNode),
        `${name} must be exported: write "export enum ${name}"`,
      );
    }
    first ??= decl;
    for (const member of decl.members) {
      const read = readEnumMember(reader, name, member);
      if (read !== undefined) members.push(read);
    }
  }
  if (!usable || first === undefined) return undefined;
  return {
    name,
    members,
    doc: readDoc(reader, first),
    position: positionAt(reader, startOf(reader, first.name)),
  };
}

function readEnumMember(
  reader: Reader,
  enumName: EnumName,
  member: TS.EnumMember,
): RawEnumMember | undefined {
  const memberName = member.name;
  if (!ts.isIdentifier(memberName) && !ts.isStringLiteral(memberName)) {
    reportUnsupported(reader, memberName, `${enumName} member names`, "expected an identifier");
    return undefined;
  }
  const position = positionAt(reader, startOf(reader, memberName));
  return {
    name: memberName.text,
    value: readEnumValue(reader, enumName, member, position),
    doc: readDoc(reader, member),
    position,
  };
}

function readEnumValue(
  reader: Reader,
  enumName: EnumName,
  member: TS.EnumMember,
  memberPosition: SourcePosition,
): RawEnumValue {
  if (member.initializer === undefined) {
    return { kind: "non-string", found: "", position: memberPosition };
  }
  const init = unwrap(member.initializer);
  const position = positionAt(reader, startOf(reader, init));
  if (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init)) {
    return { kind: "string", value: init.text, position };
  }
  if (
    ts.isNumericLiteral(init) ||
    (ts.isPrefixUnaryExpression(init) && ts.isNumericLiteral(init.operand))
  ) {
    return { kind: "non-string", found: init.getText(reader.sf), position };
  }
  reportUnsupported(reader, init, enumName, "expected a string literal");
  return { kind: "rejected" };
}
