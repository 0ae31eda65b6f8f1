/** Reading the optional `namespace`: one string literal. */
import { ts } from "../loading/typescript.js";
import type { RawNamespace } from "./raw-schema.js";
import { reportUnsupported } from "./report-unsupported.js";
import type { ConstInit, Reader } from "./schema-reader.js";
import { positionAt, startOf, unwrap } from "./schema-reader.js";

/** Reads `namespace`: a string literal, else PG0105 and undefined. */
export function readNamespace(
  reader: Reader,
  decl: ConstInit,
): RawNamespace | undefined {
  const value = unwrap(decl.init);
  if (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) {
    const position = positionAt(reader, startOf(reader, value));
    const renamedFrom = decl.doc.renamedFrom;
    return { value: value.text, position, ...(renamedFrom === undefined ? {} : { renamedFrom }) };
  }
  reportUnsupported(reader, value, "namespace", `expected a string literal such as "soc"`);
  return undefined;
}
