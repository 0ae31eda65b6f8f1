/**
 * The Rust emitter: one file, standard library only, that compiles with
 * `rustc --edition 2021 -D warnings` and is already in rustfmt's layout (`format: "none"`).
 *
 * Reading order: `SCHEMA_DIGEST`, the `Resource`, `Action`, `Permission` (and `Role`) enums, each
 * with `ALL`, `as_str`, `Display` and `FromStr`; `RESOURCE_ACTION_PAIRS`; `ParseError`;
 * `PermissionDenied`, `require_permission` and `has_permission`. Lookups are `match`
 * expressions, so the compiler checks them and there is no table to keep in sync; the file is
 * built as a list of lines joined once, linear in the size of the vocabulary.
 *
 * The file has no inner attributes (`#![…]`, `//!`) and no module-level `use`, so it works both
 * as a module (`mod permissions;`) and through `include!`. Deprecated members carry
 * `#[deprecated]`; the generated code that must name them sits under `#[allow(deprecated)]`,
 * so only the user's own uses warn.
 */
import type { Doc, Model } from "../../model/model.js";
import { splitDocLines } from "../doc-text.js";
import { renderDeprecatedAttribute } from "./rust-layout.js";
import { loadRuntimeTemplate } from "../runtime-template.js";
import type { EmitContext, EmitResult } from "../target.js";
import { formatHeaderText } from "../../output/header.js";
import { renameSymbols, SymbolNames, type RenameSyntax } from "../symbol-names.js";
import { RUST_SYMBOLS } from "./symbols.js";
import type { RustOptions } from "./descriptor.js";
import { buildRustNames as buildRustNameTable, buildVariantName, isEscapedRustName } from "./names.js";
import { collectRenameAliases } from "../rename-aliases.js";
import { endWithOneNewline, LineBuffer } from "../lines.js";
import {
  renderRustDoc,
  renderRustLineComment,
  renderVariantDoc,
} from "./rust-doc.js";
import {
  pushMatchArm,
  pushSliceAssignment,
  quoteRust,
  type RustBody,
  type RustItem,
} from "./rust-layout.js";

/**
 * The parts of the file that do not depend on the vocabulary, from templates/rust/runtime.rs
 * (read once, when this module loads): `ParseError`, what every `FromStr` returns for an
 * unknown string, then `PermissionDenied`, `require_permission` and `has_permission`.
 */
const RUNTIME = loadRuntimeTemplate("rust/runtime.rs");
const RUST_PARSE_ERROR = `${RUNTIME.section("parse_error")}\n`;
const RUST_GUARDS = `${RUNTIME.section("guards")}\n`;

const I1 = "    ";
const I2 = "        ";
const I3 = "            ";

/** One variant of a generated enum. */
interface Variant {
  readonly name: string;
  /** The string `as_str` returns and `from_str` accepts. */
  readonly value: string;
  readonly summary: string;
  readonly doc: Doc;
}

/** One generated enum, before rendering. */
interface EnumSpec {
  readonly name: string;
  readonly summary: readonly string[];
  readonly description: string | undefined;
  readonly variants: readonly Variant[];
  /** How `as_str` is documented. */
  readonly asStrDoc: readonly string[];
  /** Whether the code that names the variants must allow deprecated ones. */
  readonly allowDeprecated: boolean;
  /** Extra associated functions, rendered inside the `impl` after `as_str`. */
  readonly extra: readonly LineBuffer[];
  /**
   * `@renamedFrom` aliases still in the schema: a deprecated associated const named after the
   * old name (`Resource::Case`, equal to `Resource::Incident`) and the old string accepted by
   * `from_str`. Empty when nothing was renamed.
   */
  readonly aliases?: readonly RustAlias[];
}

/** One alias of a generated enum. */
interface RustAlias {
  /** The const's name; undefined when a variant or an earlier alias has it (no const then). */
  readonly name: string | undefined;
  /** The old string `from_str` accepts. */
  readonly old: string;
  /** The variant it names now. */
  readonly variant: string;
}

/**
 * Emits the Rust file of a target: one file at `options.out`, `format: "none"` (the content
 * is final). Pure: the model and options in, one file out.
 */
export function emitRust(
  model: Model,
  options: RustOptions,
  _context: EmitContext,
): EmitResult {
  const content = renderRustFile(model, options.names);
  return { ok: true, files: [{ path: options.out, content, format: "none" }] };
}

/** How `renameSymbols` reads Rust: variant paths and declarations are members, not items. */
const RUST_SYNTAX: RenameSyntax = {
  lineComment: "//",
  blockComments: true,
  tripleStrings: false,
  backquoteStrings: false,
  rustDeclarations: true,
};

/**
 * Renders the whole Rust file for a model: LF line endings, one final newline. `symbolNames`
 * (the `names` option) renames items: code everywhere, comments only in the runtime template,
 * so schema documentation stays as written.
 */
export function renderRustFile(
  model: Model,
  symbolNames?: Readonly<Record<string, string>>,
): string {
  const renamed = new SymbolNames("Rust", RUST_SYMBOLS, symbolNames).renamed();
  const code = (text: string): string =>
    renameSymbols(text, renamed, { ...RUST_SYNTAX, comments: false });
  const fixed = (text: string): string => renameSymbols(text, renamed, RUST_SYNTAX);
  const names = buildRustNames(model);
  const deprecated = findDeprecated(model);
  const aliases = collectRenameAliases(model);
  const blocks: (readonly string[] | LineBuffer)[] = [
    renderHead(model),
    renderEnum(
      withAliases(
        buildResourceEnum(model, names, deprecated),
        buildAliasList(aliases.resources, (r) => names.resource(r)),
      ),
    ),
    renderEnum(
      withAliases(
        buildActionEnum(model, names, deprecated),
        buildAliasList(aliases.actions, (a) => names.action(a)),
      ),
    ),
    renderEnum(
      withAliases(
        buildPermissionEnum(model, names, deprecated),
        aliases.permissions.map((a) => ({
          old: a.old,
          name: buildVariantName(a.oldLocal),
          variant: names.permission(a.current),
        })),
      ),
    ),
    renderResourceActionPairs(model, names, deprecated),
    ...(model.roles.length > 0
      ? [
          renderEnum(
            withAliases(
              buildRoleEnum(model, names, deprecated),
              buildAliasList(aliases.roles, (r) => names.role(r)),
            ),
          ),
        ]
      : []),
  ];
  // One buffer of every line, joined once (the blocks hold a line per member each).
  const lines = new LineBuffer();
  for (const block of blocks) lines.append(block);
  return endWithOneNewline(
    [code(lines.text()), fixed(RUST_PARSE_ERROR), fixed(RUST_GUARDS)].join("\n"),
  );
}

/**
 * The variant name of every member of a model (names.ts decides each one), built once per
 * file, and the paths the generated code writes to name a resource or an action.
 */
interface RustNames {
  readonly resource: (r: Model["resources"][number]) => string;
  readonly action: (a: Model["actions"][number]) => string;
  readonly permission: (p: Model["permissions"][number]) => string;
  readonly role: (r: Model["roles"][number]) => string;
  /** `Resource::<variant>`. */
  readonly resourcePath: (r: Model["resources"][number]) => string;
  /** `Action::<variant>`. */
  readonly actionPath: (a: Model["actions"][number]) => string;
}

/** The Rust name table (names.ts, which throws on a miss) as the lookups this file uses. */
function buildRustNames(model: Model): RustNames {
  const table = buildRustNameTable(model);
  const resource = (r: Model["resources"][number]): string => table.resource.get(r.value);
  const action = (a: Model["actions"][number]): string => table.action.get(a.value);
  // Every permission names its resource and action path several times: each path is built
  // once, keyed by the model object (the table stays the only source of the names).
  const resourcePaths = new Map(model.resources.map((r) => [r, `Resource::${resource(r)}`]));
  const actionPaths = new Map(model.actions.map((a) => [a, `Action::${action(a)}`]));
  return {
    resource,
    action,
    permission: (p) => table.permission.get(p.key),
    role: (r) => table.role.get(r.name),
    resourcePath: (r) => resourcePaths.get(r) ?? `Resource::${resource(r)}`,
    actionPath: (a) => actionPaths.get(a) ?? `Action::${action(a)}`,
  };
}

/** Which kinds of member have a deprecated one: the code naming them must allow it. */
interface DeprecatedKinds {
  readonly resource: boolean;
  readonly action: boolean;
  readonly permission: boolean;
  readonly role: boolean;
}

function findDeprecated(model: Model): DeprecatedKinds {
  return {
    resource: model.resources.some((r) => r.doc.deprecated !== undefined),
    action: model.actions.some((a) => a.doc.deprecated !== undefined),
    permission: model.permissions.some((p) => p.doc.deprecated !== undefined),
    role: model.roles.some((r) => r.doc.deprecated !== undefined),
  };
}

/**
 * Adds a kind's `@renamedFrom` aliases to its enum: the old name in PascalCase for the const
 * (left out when a variant or an earlier alias has that name), the old string for `from_str`.
 */
function withAliases(
  spec: EnumSpec,
  list: readonly { readonly old: string; readonly name: string; readonly variant: string }[],
): EnumSpec {
  if (list.length === 0) return spec;
  const taken = new Set(spec.variants.map((v) => v.name));
  const aliases = list.map((alias) => {
    const free = !taken.has(alias.name);
    taken.add(alias.name);
    return { name: free ? alias.name : undefined, old: alias.old, variant: alias.variant };
  });
  return { ...spec, aliases };
}

/** The aliases of resources, actions or roles: the old value or name, and the current variant. */
function buildAliasList<T>(
  list: readonly { readonly old: string; readonly current: T }[],
  variantOf: (item: T) => string,
): { old: string; name: string; variant: string }[] {
  return list.map((a) => ({
    old: a.old,
    name: buildVariantName(a.old),
    variant: variantOf(a.current),
  }));
}

/** `Resource`: one variant per schema resource. */
function buildResourceEnum(model: Model, names: RustNames, deprecated: DeprecatedKinds): EnumSpec {
  return {
    name: "Resource",
    summary: ["A thing a permission can be about: one of the schema's `Resource` values."],
    description: model.docs.resource.description,
    variants: model.resources.map((r) => ({
      name: names.resource(r),
      value: r.value,
      summary: `The resource \`${quoteRust(r.value)}\`.`,
      doc: r.doc,
    })),
    asStrDoc: ['The resource\'s value, such as `"engagement.member"`.'],
    allowDeprecated: deprecated.resource,
    extra: [],
  };
}

/** `Action`: one variant per schema action. */
function buildActionEnum(model: Model, names: RustNames, deprecated: DeprecatedKinds): EnumSpec {
  return {
    name: "Action",
    summary: ["What a permission allows on a resource: one of the schema's `Action` values."],
    description: model.docs.action.description,
    variants: model.actions.map((a) => ({
      name: names.action(a),
      value: a.value,
      summary: `The action \`${quoteRust(a.value)}\`.`,
      doc: a.doc,
    })),
    asStrDoc: ['The action\'s value, such as `"read"`.'],
    allowDeprecated: deprecated.action,
    extra: [],
  };
}

/**
 * `Permission`: one variant per declared pair, with its lookups. A deprecated resource or
 * action deprecates its pairs, so any deprecation makes the lookups allow it.
 */
function buildPermissionEnum(
  model: Model,
  names: RustNames,
  deprecated: DeprecatedKinds,
): EnumSpec {
  return {
    name: "Permission",
    summary: [
      "One declared (resource, action) pair. `id()` is its stable id from permgen.lock.json: its",
      "bit position and database id, never reused.",
    ],
    description: model.docs.permissions.description,
    variants: model.permissions.map((p) => ({
      name: names.permission(p),
      value: p.key,
      summary: `The permission \`${quoteRust(p.key)}\` (id ${p.id}).`,
      doc: p.doc,
    })),
    asStrDoc: [
      'The permission\'s key, such as `"alert.read"`, with the namespace prefix when the schema',
      "has one.",
    ],
    allowDeprecated: deprecated.resource || deprecated.action || deprecated.permission,
    extra: renderPermissionFunctions(model, names),
  };
}

/** `resource()`, `action()`, `id()`, `from_id()` and `from_pair()` of `Permission`. */
function renderPermissionFunctions(model: Model, names: RustNames): LineBuffer[] {
  const permissions = model.permissions;
  // `Self::<variant>` of each permission, built once: five functions name every permission.
  const selves = permissions.map((p) => `Self::${names.permission(p)}`);
  /** A `match self` over the permissions; `match self {}` for an empty enum. */
  const matchPermissions = (body: (p: Model["permissions"][number]) => string): LineBuffer => {
    const lines = new LineBuffer();
    if (permissions.length === 0) {
      lines.push(`${I2}match self {}`);
      return lines;
    }
    lines.push(`${I2}match self {`);
    permissions.forEach((p, i) => pushMatchArm(lines, I3, selves[i] ?? "", body(p)));
    lines.push(`${I2}}`);
    return lines;
  };
  return [
    renderConstFn(
      ["The permission's resource."],
      "resource(self) -> Resource",
      matchPermissions((p) => names.resourcePath(p.resource)),
    ),
    renderConstFn(
      ["The permission's action."],
      "action(self) -> Action",
      matchPermissions((p) => names.actionPath(p.action)),
    ),
    renderConstFn(
      [
        "The permission's stable id from permgen.lock.json: its bit position and database id.",
        "Ids are never reused, even when a permission is removed.",
      ],
      "id(self) -> u32",
      matchPermissions((p) => String(p.id)),
    ),
    renderConstFn(
      ["The permission whose lock id is `id`, or `None` (an unknown or retired id)."],
      "from_id(id: u32) -> Option<Self>",
      renderLookup(
        "id",
        "permission",
        permissions.map((p, i) => [String(p.id), selves[i] ?? ""]),
        true,
      ),
    ),
    renderConstFn(
      [
        "The permission of the (`resource`, `action`) pair, or `None` when the schema does not",
        "declare that pair.",
      ],
      "from_pair(resource: Resource, action: Action) -> Option<Self>",
      renderLookup(
        "(resource, action)",
        "permission",
        permissions.map((p, i) => [
          { tuple: [names.resourcePath(p.resource), names.actionPath(p.action)] },
          selves[i] ?? "",
        ]),
        permissions.length < model.resources.length * model.actions.length,
      ),
    ),
  ];
}

/** `Role`: one variant per role, with the permissions it holds (wildcards expanded). */
function buildRoleEnum(model: Model, names: RustNames, deprecated: DeprecatedKinds): EnumSpec {
  return {
    name: "Role",
    summary: ["A named set of permissions: one of the schema's roles."],
    description: model.docs.roles.description,
    variants: model.roles.map((r) => ({
      name: names.role(r),
      value: r.name,
      summary: `The role \`${quoteRust(r.name)}\`.`,
      doc: r.doc,
    })),
    asStrDoc: ['The role\'s name, such as `"rt_lead"`.'],
    allowDeprecated: deprecated.role || deprecated.permission,
    extra: [
      renderConstFn(
        [
          "The permissions the role holds, wildcards expanded when this file was generated, in",
          "schema order.",
        ],
        "permissions(self) -> &'static [Permission]",
        renderMatch(
          "self",
          model.roles.reduce((arms, r) => {
            const body: RustBody = {
              slice: r.permissions.map((p) => `Permission::${names.permission(p)}`),
            };
            pushMatchArm(arms, I3, `Self::${names.role(r)}`, body);
            return arms;
          }, new LineBuffer()),
        ),
      ),
    ],
  };
}

/** `RESOURCE_ACTION_PAIRS`: every declared pair, in schema order. */
function renderResourceActionPairs(
  model: Model,
  names: RustNames,
  deprecated: DeprecatedKinds,
): LineBuffer {
  const pairs: RustItem[] = model.permissions.map((p) => ({
    tuple: [names.resourcePath(p.resource), names.actionPath(p.action)],
  }));
  const lines = new LineBuffer();
  lines.push("/// Every declared (resource, action) pair, in schema order: the only pairs that exist.");
  if (deprecated.resource || deprecated.action) lines.push("#[allow(deprecated)]");
  pushSliceAssignment(lines, "", "pub const RESOURCE_ACTION_PAIRS: &[(Resource, Action)]", pairs);
  lines.push("");
  return lines;
}

/** Renders the header line, the file's guide and `SCHEMA_DIGEST`. */
function renderHead(model: Model): string[] {
  return [
    renderRustLineComment(formatHeaderText(model.header)),
    "",
    renderRustLineComment(`The permission vocabulary of ${model.header}: resources, actions,`),
    model.roles.length > 0
      ? "// permissions with their ids from permgen.lock.json, and roles."
      : "// and permissions with their ids from permgen.lock.json.",
    "// Standard library only. Use it as a module: keep it in your crate's src/ folder and declare",
    "// `mod permissions;` (or `pub mod permissions;`). It has no inner attributes and no `use`",
    "// declarations, so `include!` works as well. In a binary crate, declare",
    "// `#[allow(dead_code)] mod permissions;` to silence warnings about the parts you do not use.",
    "//",
    "// Variants are the PascalCase of the schema's values (`engagement.member` becomes",
    "// `EngagementMember`); a name that would be the keyword `Self` is written `Self_`.",
    "",
    "/// The sha256 hex digest of the canonical vocabulary (namespace, resources, actions, pairs,",
    "/// expanded roles and ids). Every target permgen generates from the same schema carries the",
    "/// same string, so services can confirm at run time that they were built from one schema.",
    `pub const SCHEMA_DIGEST: &str = ${quoteRust(model.digest)};`,
    "",
  ];
}

/** Renders a `pub const fn` of an `impl` block: doc, signature, body lines, closing brace. */
function renderConstFn(
  doc: readonly string[],
  signature: string,
  body: readonly string[] | LineBuffer,
): LineBuffer {
  const lines = new LineBuffer();
  lines.append(renderRustDoc(I1, [doc]));
  lines.push(`${I1}pub const fn ${signature} {`);
  lines.append(body);
  lines.push(`${I1}}`);
  return lines;
}

/** Renders `match <scrutinee> { arms }` as a function's tail expression. */
function renderMatch(scrutinee: string, arms: readonly string[] | LineBuffer): LineBuffer {
  const lines = new LineBuffer();
  if (arms.length === 0) {
    lines.push(`${I2}match ${scrutinee} {}`);
    return lines;
  }
  lines.push(`${I2}match ${scrutinee} {`);
  lines.append(arms);
  lines.push(`${I2}}`);
  return lines;
}

/**
 * Renders a lookup body returning `Option<Self>`: `let <binding> = match <scrutinee> { … _ =>
 * return None };` then `Some(<binding>)`. Without entries the body is `None` (the argument is
 * still used, so no unused-variable warning). `partial` false leaves the `_` arm out: the
 * entries cover every input, and an unreachable arm would warn.
 */
function renderLookup(
  scrutinee: string,
  binding: string,
  entries: readonly (readonly [RustItem, string])[],
  partial: boolean,
): LineBuffer {
  const lines = new LineBuffer();
  if (entries.length === 0) {
    lines.push(`${I2}let _ = ${scrutinee};`, `${I2}None`);
    return lines;
  }
  lines.push(`${I2}let ${binding} = match ${scrutinee} {`);
  for (const [pattern, body] of entries) pushMatchArm(lines, I3, pattern, body);
  if (partial) lines.push(`${I3}_ => return None,`);
  lines.push(`${I2}};`, `${I2}Some(${binding})`);
  return lines;
}

/**
 * The deprecated associated consts of an enum's aliases, each followed by a blank line:
 * `Resource::Case` names `Resource::Incident`, so code written against the old variant builds
 * (with a deprecation warning) and means the new one. PascalCase like a variant, hence the
 * `non_upper_case_globals` allowance.
 */
function renderAliasConsts(spec: EnumSpec): string[] {
  return (spec.aliases ?? []).flatMap((alias) => {
    if (alias.name === undefined) return [];
    return [
      `${I1}/// The old name of \`Self::${alias.variant}\`, kept while the schema says \`@renamedFrom\`.`,
      ...renderDeprecatedAttribute(I1, `renamed: use ${spec.name}::${alias.variant}`),
      `${I1}#[allow(non_upper_case_globals)]`,
      `${I1}pub const ${alias.name}: Self = Self::${alias.variant};`,
      "",
    ];
  });
}

/**
 * Renders one enum: its declaration, `impl` (ALL, as_str, extras), `Display` and `FromStr`.
 * Lines are pushed onto one array, member by member (no array per member).
 */
function renderEnum(spec: EnumSpec): LineBuffer {
  const allow = spec.allowDeprecated ? ["#[allow(deprecated)]"] : [];
  const description = splitDocLines(spec.description);
  const variants = spec.variants;
  const selves = variants.map((v) => `Self::${v.name}`);
  const quoted = variants.map((v) => quoteRust(v.value));
  const lines = new LineBuffer();
  lines.append(renderRustDoc("", [spec.summary, description]));
  lines.push("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]");
  if (variants.length === 0) lines.push(`pub enum ${spec.name} {}`);
  else {
    lines.push(`pub enum ${spec.name} {`);
    for (const v of variants) {
      lines.append(renderVariantDoc(I1, v.summary, v.doc));
      if (isEscapedRustName(v.name)) lines.push(`${I1}#[allow(non_camel_case_types)]`);
      lines.push(`${I1}${v.name},`);
    }
    lines.push("}");
  }
  lines.push("", ...allow, `impl ${spec.name} {`);
  lines.push(`${I1}/// Every value of \`${spec.name}\`, in schema order.`);
  pushSliceAssignment(lines, I1, "pub const ALL: &[Self]", selves);
  lines.push("");
  lines.append(renderAliasConsts(spec));
  const selfArms = new LineBuffer();
  variants.forEach((_, i) => pushMatchArm(selfArms, I3, selves[i] ?? "", quoted[i] ?? ""));
  lines.append(
    renderConstFn(spec.asStrDoc, "as_str(self) -> &'static str", renderMatch("self", selfArms)),
  );
  for (const extra of spec.extra) {
    lines.push("");
    lines.append(extra);
  }
  lines.push(
    "}",
    "",
    `impl std::fmt::Display for ${spec.name} {`,
    `${I1}fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {`,
    `${I2}f.write_str(self.as_str())`,
    `${I1}}`,
    "}",
    "",
    ...allow,
    `impl std::str::FromStr for ${spec.name} {`,
    `${I1}type Err = ParseError;`,
    "",
    `${I1}/// Parses the exact string \`as_str\` returns: no case folding, no trimming.`,
    // `ParseError`, not `Self::Err`: a variant named `Err` would make that path ambiguous.
    `${I1}fn from_str(s: &str) -> Result<Self, ParseError> {`,
  );
  if (variants.length === 0) lines.push(`${I2}Err(ParseError::new(${quoteRust(spec.name)}, s))`);
  else {
    lines.push(`${I2}let value = match s {`);
    variants.forEach((_, i) => pushMatchArm(lines, I3, quoted[i] ?? "", selves[i] ?? ""));
    // An old name (`@renamedFrom`) parses as what it was renamed to.
    for (const a of spec.aliases ?? []) {
      pushMatchArm(lines, I3, quoteRust(a.old), `Self::${a.variant}`);
    }
    lines.push(
      `${I3}_ => return Err(ParseError::new(${quoteRust(spec.name)}, s)),`,
      `${I2}};`,
      `${I2}Ok(value)`,
    );
  }
  lines.push(`${I1}}`, "}", "");
  return lines;
}
