/**
 * The PG0401 check every target with generated identifiers runs: look each declaration up in
 * the target's name table (its `names.ts`, the same table the emitter writes from) and report
 * the later of two that end up with the same name (PG0401), and, when the two come from
 * different module files, the earlier one too (PG0408), so both files are named. A target supplies only its table and its
 * message wording, so the check cannot disagree with the output.
 */
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Model, SourcePosition } from "../model/model.js";
import type { DeclarationKind, NameTable } from "./name-table.js";

/** One declaration of the model, as a collision message may name it. */
export interface Declaration {
  readonly kind: DeclarationKind;
  /** What messages quote: a resource or action value, a permission key without namespace, a role name. */
  readonly value: string;
  /** The declaration's key in a name table: the value, except a permission's full key. */
  readonly key: string;
  /** How Go, Rust and TypeScript messages name it: `resource "a.b_c"`, `permission "ns:a.read"`. */
  readonly label: string;
  readonly position: SourcePosition;
}

/** What `checkNameCollisions` checks besides the table, and how it words a collision. */
export interface CollisionRules<K extends DeclarationKind> {
  /**
   * The kinds to check; default: every kind the table names. A kind whose names are the
   * schema's own (TypeScript's resource and action members) is unique already.
   */
  readonly kinds?: readonly K[];
  /**
   * Whether a permission is left out when its resource's and action's converted names equal the
   * other permission's: that collision is already reported at the resource or action. Default false.
   */
  readonly skipDerivedPermissions?: boolean;
  /** The message reported at `later`, which converts to `name` like `first` before it. */
  describe(later: Declaration, first: Declaration, name: string): string;
}

/** The type each kind becomes in the targets that emit one enum per kind (Python, Rust). */
export const ENUM_NAMES: Readonly<Record<DeclarationKind, string>> = {
  resource: "Resource",
  action: "Action",
  permission: "Permission",
  role: "Role",
};

const KINDS: readonly DeclarationKind[] = ["resource", "action", "permission", "role"];

/**
 * Checks that no two declarations of one kind have the same name in `table`: one PG0401
 * diagnostic per later declaration, at its position, worded by `rules.describe`. Resources,
 * actions, permissions and roles are checked in that order, each in declaration order. The
 * declarations a message names are built only for a collision (at 100,000 pairs, one object
 * and label per permission were most of the check's time).
 */
export function checkNameCollisions<K extends DeclarationKind>(
  model: Model,
  table: NameTable<K>,
  rules: CollisionRules<K>,
): Diagnostic[] {
  const lookups: Partial<NameTable> = table;
  const kinds: readonly DeclarationKind[] = rules.kinds ?? KINDS;
  const diagnostics: Diagnostic[] = [];
  for (const kind of KINDS) {
    const names = lookups[kind];
    if (names === undefined || !kinds.includes(kind)) continue;
    const view = viewDeclarations(model, kind, lookups, rules);
    /** The index of the first declaration with each name. */
    const first = new Map<string, number>();
    for (let i = 0; i < view.count; i++) {
      const name = names.get(view.key(i));
      const holder = first.get(name);
      if (holder === undefined) {
        first.set(name, i);
        continue;
      }
      const parent = view.parent(i);
      if (parent !== undefined && parent === view.parent(holder)) continue;
      const declaration = view.declaration(i);
      const earlierDeclaration = view.declaration(holder);
      diagnostics.push({
        code: Codes.NameCollision,
        message: rules.describe(declaration, earlierDeclaration, name),
        file: declaration.position.file,
        line: declaration.position.line,
        column: declaration.position.column,
      });
      // Two module files (issue 12): the team owning the first file must hear of it too, at
      // its own line, since renaming either side resolves it.
      const earlier = earlierDeclaration.position;
      if (earlier.file !== declaration.position.file) {
        diagnostics.push({
          code: Codes.ModuleNameCollision,
          message: `${rules.describe(earlierDeclaration, declaration, name)} (declared in another module file)`,
          file: earlier.file,
          line: earlier.line,
          column: earlier.column,
        });
      }
    }
  }
  return diagnostics;
}

/** The model's declarations of one kind, by index: keys for every one, the rest on demand. */
interface DeclarationView {
  readonly count: number;
  /** The declaration's key in a name table. */
  key(i: number): string;
  /** A permission's resource and action names when asked to skip derived collisions. */
  parent(i: number): string | undefined;
  declaration(i: number): Declaration;
}

function viewDeclarations(
  model: Model,
  kind: DeclarationKind,
  table: Partial<NameTable>,
  rules: CollisionRules<DeclarationKind>,
): DeclarationView {
  const declare = (value: string, key: string, position: SourcePosition): Declaration => ({
    kind,
    value,
    key,
    label: `${kind} "${key}"`,
    position,
  });
  const none = (): undefined => undefined;
  switch (kind) {
    case "resource": {
      const list = model.resources;
      const key = (i: number) => list[i]?.value ?? "";
      return { count: list.length, key, parent: none, declaration: (i) => declare(key(i), key(i), position(list, i)) };
    }
    case "action": {
      const list = model.actions;
      const key = (i: number) => list[i]?.value ?? "";
      return { count: list.length, key, parent: none, declaration: (i) => declare(key(i), key(i), position(list, i)) };
    }
    case "role": {
      const list = model.roles;
      const key = (i: number) => list[i]?.name ?? "";
      return { count: list.length, key, parent: none, declaration: (i) => declare(key(i), key(i), position(list, i)) };
    }
    case "permission": {
      const list = model.permissions;
      const { resource, action } = table;
      const derive = rules.skipDerivedPermissions === true && resource && action;
      return {
        count: list.length,
        key: (i) => list[i]?.key ?? "",
        parent: (i) => {
          const p = list[i];
          return derive && p !== undefined
            ? `${resource.get(p.resource.value)} ${action.get(p.action.value)}`
            : undefined;
        },
        declaration: (i) => declare(list[i]?.localKey ?? "", list[i]?.key ?? "", position(list, i)),
      };
    }
  }
}

/** The position of the `i`th declaration of a list the caller indexes within its bounds. */
function position(list: readonly { readonly position: SourcePosition }[], i: number): SourcePosition {
  const item = list[i];
  if (item === undefined) throw new RangeError(`no declaration at index ${i}`);
  return item.position;
}
