/** The schemas the Go target's compile and behaviour tests generate packages from. */
import type { TestSchema } from "./build-test-model.js";

/** CONTRACT §2's example: namespace, roles with wildcards, docs and a deprecated member. */
export const CONTRACT_SCHEMA: TestSchema = {
  namespace: "soc",
  resources: [
    { value: "alert", doc: { description: "Security alerts raised by detections." } },
    "engagement",
    "engagement.member",
    { value: "user", doc: { deprecated: "Use account instead." } },
  ],
  actions: [
    "read",
    { value: "acknowledge", doc: { description: "Mark as seen.\nSecond line." } },
    "create",
    "manage",
  ],
  permissions: [
    ["alert", ["read", "acknowledge"]],
    ["engagement", ["create", "read"]],
    ["engagement.member", ["manage"]],
    ["user", ["manage"]],
  ],
  roles: [
    [
      "rt_lead",
      ["*"],
      { description: "Red-team lead: everything, including permissions added later." },
    ],
    ["rt_operator", ["alert.*", "engagement.read"]],
    ["soc_analyst", ["alert.read"], { deprecated: "" }],
    ["nobody", []],
  ],
  permissionDocs: { "engagement.create": { description: "Open a new engagement." } },
  docs: {
    resource: { description: "Things a permission can be about." },
    permissions: { description: "The only (resource, action) pairs that exist." },
    roles: { description: "Roles and what they hold." },
  },
};

/** No namespace, no roles, no docs. */
export const PLAIN_SCHEMA: TestSchema = {
  resources: ["doc", "doc.page"],
  actions: ["read", "write"],
  permissions: [
    ["doc", ["read", "write"]],
    ["doc.page", ["read"]],
  ],
};

/** A vocabulary without any pair: its empty tables must still be gofmt's `{}`. */
export const EMPTY_SCHEMA: TestSchema = {
  resources: ["doc"],
  actions: ["read"],
  permissions: [["doc", []]],
};

/** Builds a schema with `count` resources of two actions each, ids given by `ids`. */
function buildWideSchema(count: number, ids?: ReadonlyMap<string, number>): TestSchema {
  const resources = Array.from({ length: count }, (_, i) => `res${String(i).padStart(3, "0")}`);
  return {
    namespace: "wide",
    resources,
    actions: ["read", "write"],
    permissions: resources.map((r) => [r, ["read", "write"]] as const),
    roles: [
      ["admin", ["*"]],
      ["reader", resources.map((r) => `${r}.read`)],
      ["last", [`${resources[count - 1] ?? ""}.*`]],
    ],
    ...(ids === undefined ? {} : { ids }),
  };
}

/**
 * 130 permissions whose ids have retired gaps (every 7th id is skipped, as if removed), so the
 * highest ids reach past 128: the mask is an array of three words.
 */
export const WIDE_SCHEMA: TestSchema = (() => {
  const ids = new Map<string, number>();
  let id = 0;
  for (let i = 0; i < 65; i++) {
    for (const a of ["read", "write"]) {
      if (id % 7 === 3) id++;
      ids.set(`wide.res${String(i).padStart(3, "0")}.${a}`, id++);
    }
  }
  return buildWideSchema(65, ids);
})();

/** The retired ids of WIDE_SCHEMA: the gaps in its id sequence. */
export const WIDE_RETIRED: readonly number[] = (() => {
  const used = new Set(WIDE_SCHEMA.ids?.values() ?? []);
  const max = Math.max(...used);
  return Array.from({ length: max }, (_, i) => i).filter((i) => !used.has(i));
})();

/** Exactly 64 permissions, ids 0–63: the largest schema whose mask is a single uint64. */
export const SCHEMA_64: TestSchema = buildWideSchema(32);

/** 65 permissions: the smallest schema whose mask needs two words. */
export const SCHEMA_65: TestSchema = {
  ...buildWideSchema(32),
  resources: [...buildWideSchema(32).resources, "extra"],
  permissions: [...buildWideSchema(32).permissions, ["extra", ["read"]]],
};

/**
 * Names that meet identifiers the generated file declares (`RolePermissions`,
 * `ResourceActionPairs`), and docs gofmt would rewrite if they were copied naively: headings,
 * indented lines, list markers, extra blank lines.
 */
export const AWKWARD_SCHEMA: TestSchema = {
  resources: [
    {
      value: "action_pairs",
      doc: { description: "  Indented first line\n    - a list item\n\tcode-like line" },
    },
    "action_pair",
  ],
  actions: ["read"],
  permissions: [
    ["action_pairs", ["read"]],
    ["action_pair", ["read"]],
  ],
  roles: [
    [
      "permissions",
      ["*"],
      { description: "Heading Like Line\n\n\nMore text.\n\n1. numbered\n- dash" },
    ],
  ],
  docs: {
    resource: {
      description:
        "Intro paragraph.\n\nA Heading Here\n\n  indented paragraph\n\n# Real heading\n\nTail text.\n\n\n",
    },
    action: { description: "Actions.\n\nLooks Like Heading\n\nNot a heading: it has a colon." },
    roles: { description: "- list at top\n- second\n\nThe End's Here\n\nLast." },
  },
};
