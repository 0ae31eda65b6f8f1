import { describe, expect, it } from "vitest";
import { Codes } from "../../src/diagnostics/codes.js";
import type { Diagnostic, DiagnosticCode } from "../../src/diagnostics/diagnostic.js";

describe("diagnostic codes", () => {
  it("are PGnnnn, each used for one meaning only", () => {
    const codes = Object.values(Codes);
    // PG08xx and PG09xx belong to commands (PG093x-PG094x: permgen audit).
    for (const code of codes) expect(code).toMatch(/^PG0[1-9]\d\d$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("types a diagnostic's code as one of the table's codes", () => {
    const known: DiagnosticCode = Codes.NameCollision;
    // @ts-expect-error -- a code the table does not list is not a DiagnosticCode.
    const unknown: DiagnosticCode = "PG9999";
    const diagnostic: Diagnostic = { code: known, message: "m", file: "/f" };
    expect([diagnostic.code, unknown]).toEqual(["PG0401", "PG9999"]);
  });
});
