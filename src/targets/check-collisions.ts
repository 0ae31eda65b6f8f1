/**
 * The PG0401 check every target with generated identifiers runs: convert each declaration's
 * value with the target's naming rules and report the later of two that end up with the same
 * name. A target supplies only its naming functions and its message wording.
 */
import { Codes } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Model, SourcePosition } from "../model/model.js";

/** The kinds of declaration a target names; each is its own namespace in the generated code. */
export type DeclarationKind = "resource" | "action" | "permission" | "role";

/** One declaration of the model, as a collision message may name it. */
export interface Declaration {
  readonly kind: DeclarationKind;
  /** What is converted: a resource or action value, a permission key without namespace, a role name. */
  readonly value: string;
  /** How Go, Rust and TypeScript messages name it: `resource "a.b_c"`, `permission "ns:a.read"`. */
  readonly label: string;
  readonly position: SourcePosition;
}

/** A target's naming rules and wording for `checkNameCollisions`. */
export interface CollisionRules {
  /** How each kind's value becomes the target's name; a kind left out keeps its schema name and is not checked. */
  readonly convert: Partial<Readonly<Record<DeclarationKind, (value: string) => string>>>;
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
 * Checks that no two declarations of one kind convert to the same name: one PG0401 diagnostic
 * per later declaration, at its position, worded by `rules.describe`. Resources, actions,
 * permissions and roles are checked in that order, each in declaration order.
 */
export function checkNameCollisions(model: Model, rules: CollisionRules): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const kind of KINDS) {
    const convert = rules.convert[kind];
    if (convert === undefined) continue;
    const first = new Map<string, { declaration: Declaration; parent: string | undefined }>();
    for (const { declaration, parent } of listDeclarations(model, kind, rules)) {
      const name = convert(declaration.value);
      const holder = first.get(name);
      if (holder === undefined) {
        first.set(name, { declaration, parent });
        continue;
      }
      if (parent !== undefined && parent === holder.parent) continue;
      diagnostics.push({
        code: Codes.NameCollision,
        message: rules.describe(declaration, holder.declaration, name),
        file: declaration.position.file,
        line: declaration.position.line,
        column: declaration.position.column,
      });
    }
  }
  return diagnostics;
}

/** The model's declarations of one kind, each permission with its parents' converted names when asked. */
function listDeclarations(
  model: Model,
  kind: DeclarationKind,
  rules: CollisionRules,
): { declaration: Declaration; parent: string | undefined }[] {
  const declare = (value: string, label: string, position: SourcePosition) => ({
    declaration: { kind, value, label: `${kind} "${label}"`, position },
    parent: undefined,
  });
  switch (kind) {
    case "resource":
      return model.resources.map((r) => declare(r.value, r.value, r.position));
    case "action":
      return model.actions.map((a) => declare(a.value, a.value, a.position));
    case "role":
      return model.roles.map((r) => declare(r.name, r.name, r.position));
    case "permission": {
      const { resource, action } = rules.convert;
      const derive = rules.skipDerivedPermissions === true && resource && action;
      return model.permissions.map((p) => ({
        ...declare(p.localKey, p.key, p.position),
        parent: derive ? `${resource(p.resource.value)} ${action(p.action.value)}` : undefined,
      }));
    }
  }
}
