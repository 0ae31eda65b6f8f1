/**
 * Test helper: consumer code for a generated TypeScript file. It uses every export the way an
 * application would, pins the exact types (`ActionOf` per resource, `Permission`), and marks
 * what must NOT compile with `// @ts-expect-error`, so an unused directive (a pair that wrongly
 * type-checks) fails the compile test.
 */
import type { Model } from "../../src/model/model.js";
import {
  buildTypeScriptNames,
  formatMemberAccess,
  isTypeAliasName,
} from "../../src/targets/typescript/names.js";

/** A consumer's source and the 1-based lines its `@ts-expect-error` directives stand on. */
export interface Consumer {
  readonly lines: readonly string[];
  readonly directiveLines: readonly number[];
}

/** Builds the consumer of `./permissions.js` for a model and enum style. */
export function buildConsumer(model: Model, style: "enum" | "const"): Consumer {
  const resource = (name: string): string => formatMemberAccess("Resource", name);
  const action = (name: string): string => formatMemberAccess("Action", name);
  const typeOf = (access: string): string => (style === "enum" ? access : `typeof ${access}`);
  const union = (types: readonly string[]): string =>
    types.length === 0 ? "never" : types.join(" | ");

  const imports = [
    "ALL_PERMISSIONS",
    "Action",
    "PERMISSION_IDS",
    "PermissionDeniedError",
    "RESOURCE_ACTION_PAIRS",
    "Resource",
    "SCHEMA_DIGEST",
    "hasPermission",
    "isPermission",
    "permissionKey",
    "requirePermission",
    ...(model.roles.length > 0 ? ["ROLE_PERMISSIONS", "Role", "permissionsOfRoles"] : []),
  ];
  const lines: string[] = [
    `import { ${imports.join(", ")} } from "./permissions.js";`,
    'import type { ActionOf, GrantedPermissions, Permission, PermissionGuard } from "./permissions.js";',
    "",
    "type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;",
    `export const permissionType: Equals<Permission, ${union(model.permissions.map((p) => JSON.stringify(p.key)))}> = true;`,
    `export const resourceValues: Equals<\`\${Resource}\`, ${union(model.resources.map((r) => JSON.stringify(r.value)))}> = true;`,
  ];
  model.resources.forEach((r, index) => {
    const actions = model.permissions
      .filter((p) => p.resource === r)
      .map((p) => typeOf(action(p.action.name)));
    lines.push(
      `export const actionsOf${index}: Equals<ActionOf<${typeOf(resource(r.name))}>, ${union(actions)}> = true;`,
    );
    // enumStyle "const" also names each member as a type, as an enum does: Resource.Alert.
    if (style === "const" && isTypeAliasName(r.name)) {
      const bare = model.permissions.filter((p) => p.resource === r && isTypeAliasName(p.action.name));
      if (bare.length === actions.length) {
        lines.push(
          `export const actionsOfBare${index}: Equals<ActionOf<${resource(r.name)}>, ${union(bare.map((p) => action(p.action.name)))}> = true;`,
        );
      }
    }
  });
  if (model.resources.length > 1) {
    lines.push("export const wideIsNever: Equals<ActionOf<Resource>, never> = true;");
  }
  lines.push(
    "export const all: readonly Permission[] = ALL_PERMISSIONS;",
    "export const pairs: ReadonlySet<Permission> = RESOURCE_ACTION_PAIRS;",
    "export const ids: ReadonlyMap<Permission, number> = PERMISSION_IDS;",
    "export const digest: string = SCHEMA_DIGEST;",
    "export function toPermission(value: unknown): Permission | undefined {",
    "  return isPermission(value) ? value : undefined;",
    "}",
    "export const nothing: GrantedPermissions = null;",
    "export type Guard = PermissionGuard;",
    "export const errorClass: typeof PermissionDeniedError = PermissionDeniedError;",
  );

  const directiveLines: number[] = [];
  const expectError = (reason: string, statement: string): void => {
    lines.push(`// @ts-expect-error ${reason}`);
    directiveLines.push(lines.length);
    lines.push(statement);
  };

  const declared = model.permissions[0];
  if (declared !== undefined) {
    const pair = `${resource(declared.resource.name)}, ${action(declared.action.name)}`;
    lines.push(
      `export const guard: PermissionGuard = requirePermission(${pair});`,
      `export const key: Permission = permissionKey(${pair});`,
      `export const granted: boolean = hasPermission([${JSON.stringify(declared.key)}], ${pair});`,
      `export const denied: PermissionDeniedError = new PermissionDeniedError(${JSON.stringify(declared.key)});`,
      "export const status: 403 = denied.status;",
      "export const deniedKey: Permission = denied.permission;",
    );
    expectError(
      "a misspelled key is not a Permission",
      `export const misspelled: Permission = ${JSON.stringify(`${declared.key}x`)};`,
    );
  }

  const undeclared = findUndeclaredPair(model);
  if (undeclared !== undefined) {
    const pair = `${resource(undeclared.resource)}, ${action(undeclared.action)}`;
    expectError("undeclared pair", `requirePermission(${pair});`);
    expectError("undeclared pair", `hasPermission([], ${pair});`);
    expectError("undeclared pair", `permissionKey(${pair});`);
  }

  const first = model.resources[0];
  const second = model.resources[1];
  const someAction = model.permissions[0]?.action ?? model.actions[0];
  if (first !== undefined && second !== undefined && someAction !== undefined) {
    lines.push(`const wide = ${resource(first.name)} as Resource;`);
    expectError(
      "a resource only known as Resource has no actions",
      `requirePermission(wide, ${action(someAction.name)});`,
    );
    const shared = findSharedAction(model);
    if (shared !== undefined) {
      lines.push(
        `declare const two: ${typeOf(resource(shared.first))} | ${typeOf(resource(shared.second))};`,
      );
      expectError(
        "a union of resources has no actions",
        `requirePermission(two, ${action(shared.action)});`,
      );
    }
  }

  const role = model.roles[0];
  if (role !== undefined) {
    const roleAccess = formatMemberAccess("Role", buildTypeScriptNames(model).role.get(role.name));
    lines.push(
      `export const roleValue: string = ${roleAccess};`,
      `export const held: ReadonlySet<Permission> | undefined = ROLE_PERMISSIONS.get(${roleAccess});`,
      `export const union: ReadonlySet<Permission> = permissionsOfRoles([${roleAccess}, "no_such_role"]);`,
    );
    expectError("ROLE_PERMISSIONS is read-only", "ROLE_PERMISSIONS.clear();");
  }
  expectError(
    "RESOURCE_ACTION_PAIRS is read-only",
    `RESOURCE_ACTION_PAIRS.add(${JSON.stringify("x")} as Permission);`,
  );
  return { lines, directiveLines };
}

/** The consumer without its directives, and the 1-based lines where errors must now appear. */
export function removeDirectives(consumer: Consumer): { source: string; errorLines: number[] } {
  const directives = new Set(consumer.directiveLines);
  const kept: string[] = [];
  const errorLines: number[] = [];
  consumer.lines.forEach((line, index) => {
    if (directives.has(index + 1)) {
      errorLines.push(kept.length + 1);
      return;
    }
    kept.push(line);
  });
  return { source: `${kept.join("\n")}\n`, errorLines };
}

/** The consumer's source text. */
export function renderConsumer(consumer: Consumer): string {
  return `${consumer.lines.join("\n")}\n`;
}

function findUndeclaredPair(model: Model): { resource: string; action: string } | undefined {
  for (const r of model.resources) {
    for (const a of model.actions) {
      if (!model.permissions.some((p) => p.resource === r && p.action === a)) {
        return { resource: r.name, action: a.name };
      }
    }
  }
  return undefined;
}

function findSharedAction(
  model: Model,
): { first: string; second: string; action: string } | undefined {
  for (const p of model.permissions) {
    const other = model.permissions.find((q) => q.action === p.action && q.resource !== p.resource);
    if (other !== undefined) {
      return { first: p.resource.name, second: other.resource.name, action: p.action.name };
    }
  }
  return undefined;
}
