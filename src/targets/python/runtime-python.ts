/**
 * The parts of the generated Python module that do not depend on the vocabulary: the module
 * docstring's guide, the lookups and the guard functions. They live in
 * templates/python/runtime.py, a module that mypy and pyright check on its own, and are read
 * from it once, when the Python emitter loads (see src/targets/runtime-template.ts). Each part
 * is in black/ruff format, at the column it is emitted at, without trailing newline.
 */
import { loadRuntimeTemplate } from "../runtime-template.js";

const RUNTIME = loadRuntimeTemplate("python/runtime.py");

const GUIDE = RUNTIME.section("guide");
const GUIDE_FASTAPI = RUNTIME.section("guide_fastapi");
const LOOKUPS = RUNTIME.section("lookups");
const ROLE_LOOKUPS = RUNTIME.section("role_lookups");

/**
 * Module docstring body after its summary line. Explains the API, why FastAPI callers are
 * identified through a dependency override, and how deprecation is marked.
 */
export function renderModuleGuide(fastapi: boolean): string {
  return fastapi ? `${GUIDE}\n\n${GUIDE_FASTAPI}` : GUIDE;
}

/** The private lookups behind the guards; `rolesExist` adds the role-name index. */
export function renderLookups(rolesExist: boolean): string {
  return rolesExist ? `${LOOKUPS}\n${ROLE_LOOKUPS}` : LOOKUPS;
}

/** `PermissionDenied`, raised by `check_permission`. */
export const PERMISSION_DENIED = RUNTIME.section("permission_denied");

/** `permission_key` and `has_permission`. */
export const PERMISSION_KEY_AND_HAS_PERMISSION = RUNTIME.section(
  "permission_key_and_has_permission",
);

/** `permissions_of_roles`, emitted when the schema has roles. */
export const PERMISSIONS_OF_ROLES = RUNTIME.section("permissions_of_roles");

/** The body of `check_permission`, after its signature (indented one level). */
export const CHECK_PERMISSION_BODY = RUNTIME.section("check_permission_body");

/** `granted_permissions`, the dependency a FastAPI app overrides. */
export const GRANTED_PERMISSIONS = RUNTIME.section("granted_permissions");

/** The body of `require_permission`, after its signature (indented one level). */
export const REQUIRE_PERMISSION_BODY = RUNTIME.section("require_permission_body");

/** The private helpers the guards share. */
export const PRIVATE_HELPERS = RUNTIME.section("private_helpers");

/**
 * `SchemaDigestMismatch` and `verify_schema_digest(connection)`, the start-up check against
 * the SQL target's metadata table; it reads `_SCHEMA_DIGEST_QUERY`, which the emitter writes.
 */
export const SCHEMA_DIGEST_CHECK = RUNTIME.section("schema_digest_check");
