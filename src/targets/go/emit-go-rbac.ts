/**
 * The Go file for an existing rbac package (CONTRACT §13, `permissionType` and `maskType`):
 * instead of its own types and guards, the file imports the package that already defines them
 * (seed 004's `rbac.Permission` and `rbac.PermissionMask` with `Has`/`Grant`) and declares
 * only what the schema adds: `SchemaDigest`, one constant of the permission type per
 * permission (its lock id), and one mask per role built with the mask type's own `Grant`. So
 * the domain package's consumers keep calling `mask.Has(orders.PermOrderWrite)` unchanged.
 *
 * The mask type's width is the package's business; `maxBits` is how a target says it (63
 * for an `int64` mask): an id at or past it is an error before anything is written.
 */
import type { Model } from "../../model/model.js";
import { formatHeaderText } from "../../output/header.js";
import { endWithOneNewline, LineBuffer, type LineSink } from "../lines.js";
import { pushConstBlock, type GoConstant } from "./go-const-block.js";
import { buildDocLines, renderGoComment, renderGoLineComment } from "./go-doc.js";
import { quoteGo } from "./go-string.js";
import type { GoNames } from "./names.js";
import { parseGoTypeReference, type GoTypeReference } from "./symbols.js";

/** What the rbac form needs besides the model. */
export interface RbacGoFileOptions {
  readonly packageName: string;
  /** `import/path.Type` of the permission type (validated by the config stage). */
  readonly permissionType: string;
  /** `import/path.Type` of the mask type. */
  readonly maskType: string;
  /** SchemaDigest's doc comment lines and its (possibly renamed) name. */
  readonly digestComment: readonly string[];
  readonly digestName: string;
  readonly names: GoNames;
  /** Deprecated constants of `@renamedFrom` permission keys, typed by the caller's rules. */
  readonly permissionAliases: readonly GoConstant[];
}

/** The name of the one helper the file declares: unexported, prefixed so it meets no user name. */
const GRANT_HELPER = "permgenGrantAll";

/** Renders the whole file, in gofmt's layout. */
export function renderRbacGoFile(model: Model, options: RbacGoFileOptions): string {
  const permission = readReference(options.permissionType);
  const mask = readReference(options.maskType);
  const permissionType = `${permission.packageName}.${permission.typeName}`;
  const maskType = `${mask.packageName}.${mask.typeName}`;
  const imports = [...new Set([permission.importPath, mask.importPath])].sort();
  const { names } = options;
  const aliases = options.permissionAliases.map((a) => ({ ...a, type: permissionType }));
  // One buffer of every line, joined once (the constants and masks hold lines per member).
  const lines = new LineBuffer();
  lines.push(
    renderGoLineComment(formatHeaderText(model.header)),
    "",
    ...renderGoComment(
      [
        `Package ${options.packageName} holds the permissions permgen generated from`,
        `${model.header}: constants of ${permissionType}, whose values are`,
        "stable ids from permgen.lock.json" +
          (model.roles.length > 0 ? `, and role masks of ${maskType}.` : "."),
      ],
      "",
    ),
    `package ${options.packageName}`,
    "",
    ...(imports.length === 1
      ? [`import ${quoteGo(imports[0] as string)}`]
      : ["import (", ...imports.map((i) => `\t${quoteGo(i)}`), ")"]),
    "",
    ...options.digestComment,
    `const ${options.digestName} = ${quoteGo(model.digest)}`,
    "",
  );
  pushConstBlock(
    lines,
    model.permissions,
    (p) => {
      const name = names.permission.get(p.key);
      return {
        doc: buildDocLines(`${name} is the permission ${quoteGo(p.key)} (id ${p.id}).`, p.doc),
        name,
        type: permissionType,
        value: String(p.id),
      };
    },
    aliases,
  );
  pushRoleMasks(lines, model, names, maskType);
  if (model.roles.length > 0) lines.push(...renderGrantHelper(permissionType, maskType));
  // Trailing newlines become exactly one, a missing one is added.
  const text = endWithOneNewline(lines.text());
  return text.endsWith("\n") ? text : `${text}\n`;
}

/** Pushes one `var` per role: its mask, every permission granted through the mask type's Grant. */
function pushRoleMasks(out: LineSink, model: Model, names: GoNames, maskType: string): void {
  for (const role of model.roles) {
    const name = names.role.get(role.name);
    const summary = `${name} is what the role ${quoteGo(role.name)} holds, wildcards expanded.`;
    out.push(...renderGoComment(buildDocLines(summary, role.doc), ""));
    if (role.permissions.length === 0) out.push(`var ${name} ${maskType}`);
    else {
      out.push(`var ${name} = ${GRANT_HELPER}(`);
      for (const p of role.permissions) out.push(`\t${names.permission.get(p.key)},`);
      out.push(")");
    }
    out.push("");
  }
}

function renderGrantHelper(permissionType: string, maskType: string): string[] {
  return [
    `// ${GRANT_HELPER} returns the zero mask with each of permissions granted by the`,
    "// mask type's own Grant, so its rules (its width, what it ignores) are the package's.",
    `func ${GRANT_HELPER}(permissions ...${permissionType}) ${maskType} {`,
    `\tvar mask ${maskType}`,
    "\tfor _, p := range permissions {",
    "\t\tmask = mask.Grant(p)",
    "\t}",
    "\treturn mask",
    "}",
  ];
}

function readReference(text: string): GoTypeReference {
  const reference = parseGoTypeReference(text);
  // The config stage rejects every other shape (PG0530) before an emitter runs.
  if (reference === undefined) throw new Error(`unchecked Go type reference ${text}`);
  return reference;
}
