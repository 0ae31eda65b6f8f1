/**
 * The shape of the JSON target's file, as one zod schema: the single source of the emitter's
 * output type (`JsonModelFile`), of the validation the tests run over every emitted file, and of
 * the JSON Schema permgen ships as `schemas/permgen-model.schema.json` (`renderModelJsonSchema`,
 * written by `npm run build`; a test fails when the committed file differs).
 *
 * Format version 1. Keys appear in the emitted file in exactly the order declared here:
 *
 *   $comment, formatVersion, schemaDigest, namespace, resources, actions, permissions, roles,
 *   retired
 *
 * Every field is always present (`null` when the schema has nothing to say) so consumers read
 * one fixed shape — except the module fields of issue 12 (`modules` after `namespace`, `module`
 * after a resource's `name` and after a permission's `localKey`), present exactly when the
 * config has modules, so the file of a config without modules keeps its bytes. The emitted file has no `"$schema"` key: the JSON Schema's `$id` is the stable
 * URL `MODEL_SCHEMA_ID`, and editors that should validate the file map it to the copy shipped in
 * the package (`node_modules/permgen/schemas/permgen-model.schema.json`), which no relative path
 * written into the generated file could find reliably (hoisting, workspaces, moved files).
 */
import { z } from "zod";
import {
  ACTION_VALUE,
  MODULE_NAME,
  PERMISSION_KEY,
  RESOURCE_VALUE,
  ROLE_NAME,
} from "../../model/naming-rules.js";

/** The `$id` of the shipped JSON Schema: names format version 1 of the JSON target's file. */
export const MODEL_SCHEMA_ID = "https://permgen.dev/schemas/permgen-model.v1.json";

/** The format version the emitter writes in `formatVersion`. */
export const MODEL_FORMAT_VERSION = 1;

/** A role grant: `*`, `<resource>.*`, `<module>.*` or an exact key without namespace. */
const GRANT_TEXT =
  /^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\.\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+)$/;

const description = z
  .string()
  .nullable()
  .describe("The JSDoc text of the declaration in the schema, or null when it has none.");

const deprecated = z
  .boolean()
  .describe("Whether the declaration carries `@deprecated` in the schema.");

const deprecationReason = z
  .string()
  .min(1)
  .nullable()
  .describe(
    "The text of the `@deprecated` tag; null when not deprecated or when no reason is given.",
  );

const permissionKey = z
  .string()
  .regex(PERMISSION_KEY)
  .describe("A permission key, with the namespace prefix when one is set (`soc.alert.read`).");

const permissionId = z
  .int()
  .min(0)
  .describe("The permission's stable id from permgen.lock.json: bit position and database id.");

const moduleName = z
  .string()
  .regex(MODULE_NAME)
  .describe("A module name from the config's `modules` (`patients`).");

const moduleEntry = z
  .strictObject({
    name: moduleName,
    schema: z
      .string()
      .min(1)
      .describe("The module's schema file, relative to the repository root."),
    renamedFrom: moduleName
      .nullable()
      .describe("The module's former name (config `renamedFrom`), or null."),
  })
  .describe("One module of the config's `modules`, in config order.");

const resourceEntry = z
  .strictObject({
    value: z
      .string()
      .regex(RESOURCE_VALUE)
      .describe("The resource's string value (`engagement.member`)."),
    name: z
      .string()
      .min(1)
      .describe(
        "The `Resource` enum member name in the schema (`EngagementMember`); a module resource's is prefixed with the module name in PascalCase (`PatientsPatient`).",
      ),
    module: moduleName
      .optional()
      .describe("The module declaring the resource; present only when the config has modules."),
    description,
    deprecated,
    deprecationReason,
  })
  .describe("A member of the schema's `Resource` enum.");

const actionEntry = z
  .strictObject({
    value: z.string().regex(ACTION_VALUE).describe("The action's string value (`acknowledge`)."),
    name: z
      .string()
      .min(1)
      .describe("The `Action` enum member name in the schema (`Acknowledge`)."),
    description,
    deprecated,
    deprecationReason,
  })
  .describe("A member of the schema's `Action` enum.");

const permissionEntry = z
  .strictObject({
    key: permissionKey,
    localKey: z
      .string()
      .regex(PERMISSION_KEY)
      .describe("The key without namespace (`alert.read`): what role grants name."),
    module: moduleName
      .optional()
      .describe("The module of the pair's resource; present only when the config has modules."),
    resource: z.string().regex(RESOURCE_VALUE).describe("The resource's value."),
    action: z.string().regex(ACTION_VALUE).describe("The action's value."),
    id: permissionId,
    description,
    deprecated: deprecated.describe(
      "Whether the pair, its resource or its action carries `@deprecated` in the schema.",
    ),
    deprecationReason,
  })
  .describe("One declared (resource, action) pair.");

const roleEntry = z
  .strictObject({
    name: z
      .string()
      .regex(ROLE_NAME)
      .describe("The role name as written in the schema (`rt_lead`)."),
    description,
    deprecated,
    deprecationReason,
    grants: z
      .array(z.string().regex(GRANT_TEXT))
      .describe(
        "The grants as written in the schema: `*`, `<resource>.*` or a key without namespace.",
      ),
    permissions: z
      .array(permissionKey)
      .describe("Every permission key the role holds, wildcards expanded, in permission order."),
  })
  .describe("A role from the schema's `roles` object.");

const retiredEntry = z
  .strictObject({
    key: permissionKey.describe("A key that left the schema."),
    id: permissionId.describe("Its id, never given to another key."),
  })
  .describe("A permission that once existed: its id stays reserved.");

/** The zod schema of the JSON target's file (format version 1). */
export const modelFileSchema = z
  .strictObject({
    $comment: z
      .string()
      .regex(/^Code generated by permgen from .+\. DO NOT EDIT\.$/)
      .describe("permgen's header: the schema the file was generated from."),
    formatVersion: z.literal(MODEL_FORMAT_VERSION).describe("The version of this file's format."),
    schemaDigest: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe("SCHEMA_DIGEST: sha256 hex of the canonical vocabulary, the same in every target."),
    namespace: z
      .string()
      .regex(RESOURCE_VALUE)
      .nullable()
      .describe("The prefix of every permission key, without the trailing dot; null when none."),
    modules: z
      .array(moduleEntry)
      .optional()
      .describe("The config's modules in config order; present only when it has modules."),
    resources: z.array(resourceEntry).describe("The `Resource` enum, in declaration order."),
    actions: z.array(actionEntry).describe("The `Action` enum, in declaration order."),
    permissions: z
      .array(permissionEntry)
      .describe("Every declared pair, in the schema's `permissions` order."),
    roles: z.array(roleEntry).describe("The schema's roles in declaration order; empty when none."),
    retired: z
      .array(retiredEntry)
      .describe("Keys retired in permgen.lock.json, in id order; their ids are never reused."),
  })
  .describe(
    "The permission vocabulary generated by permgen (JSON target, format version 1): resources, actions, permissions with stable ids, roles with expanded permissions.",
  );

/** The content of the JSON target's file, as the emitter builds it. */
export type JsonModelFile = z.output<typeof modelFileSchema>;

/**
 * Renders the JSON Schema (draft 2020-12) of the JSON target's file, as committed in
 * `schemas/permgen-model.schema.json`: derived from `modelFileSchema`, with `$id` and a title
 * placed after `$schema`, as two-space JSON with a trailing newline.
 */
export function renderModelJsonSchema(): string {
  const { $schema, ...rest } = z.toJSONSchema(modelFileSchema);
  const document = { $schema, $id: MODEL_SCHEMA_ID, title: "permgen model (format 1)", ...rest };
  return `${JSON.stringify(document, null, 2)}\n`;
}
