/**
 * Every exported symbol of the Go file: what `names` may rename (CONTRACT §13), and the
 * `permissionType`/`maskType` references that make the file use an existing rbac package's
 * types instead of declaring its own. One entry per symbol; the emitter, the config check and
 * the README table read this list.
 */
import { Codes } from "../../diagnostics/codes.js";
import type { IdentifierRules, OptionProblem, SymbolSpec } from "../symbol-names.js";
import { GO_KEYWORDS } from "./names.js";

export const GO_SYMBOLS: readonly SymbolSpec[] = [
  { symbol: "SchemaDigest", kind: "const" },
  { symbol: "Resource", kind: "type", when: "own types" },
  { symbol: "Action", kind: "type", when: "own types" },
  { symbol: "Permission", kind: "type", when: "own types" },
  { symbol: "NoPermission", kind: "const", when: "own types" },
  { symbol: "PermissionMask", kind: "type", when: "own types" },
  { symbol: "Role", kind: "type", when: "own types" },
  { symbol: "ResourceActionPair", kind: "type", when: "own types" },
  { symbol: "ResourceActionPairs", kind: "function", when: "own types" },
  { symbol: "AllPermissions", kind: "function", when: "own types" },
  { symbol: "AllRoles", kind: "function", when: "own types" },
  { symbol: "RolePermissions", kind: "function", when: "own types" },
  { symbol: "ParsePermission", kind: "function", when: "own types" },
  { symbol: "Lookup", kind: "function", when: "own types" },
  { symbol: "RequirePermission", kind: "function", when: "own types" },
  { symbol: "ErrPermissionDenied", kind: "var", when: "own types" },
  { symbol: "ErrUndeclaredPermission", kind: "var", when: "own types" },
  { symbol: "SchemaDigestError", kind: "type", when: "own types" },
  { symbol: "VerifySchemaDigest", kind: "function", when: "own types" },
];

/** Go's predeclared identifiers: a top-level name equal to one would shadow it in the file. */
const GO_PREDECLARED: readonly string[] = [
  "any bool byte comparable complex64 complex128 error float32 float64 int int8 int16 int32",
  "int64 rune string uint uint8 uint16 uint32 uint64 uintptr true false iota nil append cap",
  "clear close complex copy delete imag len make max min new panic print println real recover",
];

/** Top-level names the generated file declares or imports besides its symbols. */
export const GO_FILE_NAMES: ReadonlySet<string> = new Set([
  "context",
  "sql",
  "errors",
  "fmt",
  "schemaDigestQuery",
  "permissionInfo",
  "permissionTable",
  "permissionOrder",
  "roleInfo",
  "roleTable",
  "roleMasks",
  "buildRoleMasks",
  "permissionsByKey",
  "permissionsByPair",
  "indexPermissions",
  "renamedPermissions",
  "renamedRoles",
]);

/** Go identifiers (ASCII), not a keyword, `_` or a predeclared identifier. */
export const GO_IDENTIFIER_RULES: IdentifierRules = {
  language: "Go",
  pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
  patternText: "ASCII letters, digits and _, not starting with a digit",
  reserved: new Set([...GO_KEYWORDS, "_", ...GO_PREDECLARED.join(" ").split(" ")]),
};

/** A type of another Go package: `example.com/micro/rbac.Permission`. */
export interface GoTypeReference {
  readonly importPath: string;
  /** The package's name as the file refers to it: the last path element (`rbac`). */
  readonly packageName: string;
  readonly typeName: string;
}

/**
 * A plausible Go import path: slash-separated elements of letters, digits and `-._~+`, none
 * empty, `.` or `..`, none starting with `-` or `.`; a first element with a dot is a host.
 */
const IMPORT_PATH = /^[A-Za-z0-9_~+][A-Za-z0-9_.~+-]*(?:\/[A-Za-z0-9_~+][A-Za-z0-9_.~+-]*)*$/;

/**
 * Splits `import/path.Type` at its last dot. Undefined when the text is not that shape, the
 * path is not a plausible import path, the type is not an exported identifier, or the last
 * path element is not a package name the file can use (`v2`, `go-rbac`: write the package's
 * own path).
 */
export function parseGoTypeReference(text: string): GoTypeReference | undefined {
  const dot = text.lastIndexOf(".");
  const slash = text.lastIndexOf("/");
  if (dot <= slash + 1) return undefined;
  const importPath = text.slice(0, dot);
  const typeName = text.slice(dot + 1);
  if (!IMPORT_PATH.test(importPath) || importPath.split("/").some((e) => e === "." || e === "..")) {
    return undefined;
  }
  if (!/^[A-Z][A-Za-z0-9_]*$/.test(typeName)) return undefined;
  const packageName = importPath.slice(importPath.lastIndexOf("/") + 1);
  // A major-version suffix (`…/rbac/v2`) is not the package's name: the file could not say it.
  if (!/^[a-z_][a-z0-9_]*$/.test(packageName) || GO_KEYWORDS.has(packageName)) return undefined;
  if (/^v[0-9]+$/.test(packageName)) return undefined;
  return { importPath, packageName, typeName };
}

/** The Go options the rbac checks read. */
interface GoTypeOptions {
  readonly permissionType?: string | undefined;
  readonly maskType?: string | undefined;
}

/**
 * PG0530 for a `permissionType` or `maskType` that is not `import/path.Type`, for one without
 * the other (constants of a foreign type need that package's mask to build role masks, and a
 * foreign mask cannot hold this file's own Permission), and for two packages of one name.
 */
export function checkGoTypeOptions(options: GoTypeOptions): OptionProblem[] {
  const problems: OptionProblem[] = [];
  const parsed: Partial<Record<"permissionType" | "maskType", GoTypeReference>> = {};
  for (const key of ["permissionType", "maskType"] as const) {
    const text = options[key];
    if (text === undefined) continue;
    const reference = parseGoTypeReference(text);
    if (reference === undefined) {
      problems.push({
        code: Codes.GoTypeReference,
        path: [key],
        message: `${JSON.stringify(text)} is not an import path and an exported type name, such as "example.com/micro/rbac.Permission" (the last path element must be the package's name)`,
      });
    } else {
      parsed[key] = reference;
    }
  }
  const set = (["permissionType", "maskType"] as const).filter((k) => options[k] !== undefined);
  if (set.length === 1) {
    const [given] = set;
    const missing = given === "permissionType" ? "maskType" : "permissionType";
    problems.push({
      code: Codes.GoTypeReference,
      path: [given as string],
      message: `${given} needs ${missing} too: the file then declares constants of the one and role masks of the other`,
    });
  }
  const { permissionType, maskType } = parsed;
  if (
    permissionType !== undefined &&
    maskType !== undefined &&
    permissionType.importPath !== maskType.importPath &&
    permissionType.packageName === maskType.packageName
  ) {
    problems.push({
      code: Codes.GoTypeReference,
      path: ["maskType"],
      message: `${maskType.importPath} and ${permissionType.importPath} have the same package name ${maskType.packageName}; keep both types in one package`,
    });
  }
  return problems;
}
