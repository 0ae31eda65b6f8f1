/**
 * Every diagnostic code permgen can report. Codes never change meaning once released; the README
 * lists them. Ranges: PG01xx schema file, PG02xx vocabulary rules, PG03xx roles, PG04xx target
 * naming, PG05xx config (PG054x the `audit` section), PG06xx output paths, PG07xx lock file,
 * PG08xx `permgen diff`, PG090x–PG091x `permgen import`, PG093x–PG094x `permgen audit`. Audit
 * findings (PA0nnn) are not diagnostics: src/audit/rules.ts.
 */
export const Codes = {
  // PG01xx — reading the schema file
  SchemaNotFound: "PG0101",
  SchemaSyntax: "PG0102",
  MissingDeclaration: "PG0103",
  NotExported: "PG0104",
  UnsupportedExpression: "PG0105",
  UnsupportedDeclaration: "PG0106",
  /** Brackets nested deeper than the reader allows (a parser stack bound), anywhere in the file. */
  SchemaTooDeep: "PG0110",
  /** The schema path is not a regular file (a FIFO, a device, a folder) or is too large. */
  SchemaNotRegular: "PG0111",
  /** A target's `modules` lists a name the config's `modules` does not declare. */
  TargetModuleUnknown: "PG0130",
  /** A target's `modules` lists one module twice. */
  TargetModuleDuplicate: "PG0131",

  // PG02xx — resources, actions, permissions, namespace
  NonStringMember: "PG0201",
  InvalidResourceValue: "PG0202",
  InvalidActionValue: "PG0203",
  DuplicateValue: "PG0204",
  DuplicateMember: "PG0205",
  UnknownResource: "PG0206",
  UnknownAction: "PG0207",
  DuplicateAction: "PG0208",
  DuplicateResourceEntry: "PG0209",
  InvalidNamespace: "PG0210",
  /** An enum member named by a numeric string (`"1" = "x"`): TypeScript rejects it (TS2452). */
  NumericMemberName: "PG0211",
  /** A `@renamedFrom` naming a value, key, role or namespace the lock never knew. */
  RenameUnknown: "PG0212",
  /** A `@renamedFrom` naming something still declared, or claimed by two members. */
  RenameConflict: "PG0213",

  // PG03xx — roles
  InvalidRoleName: "PG0301",
  DuplicateRole: "PG0302",
  UnknownGrantPermission: "PG0303",
  UnknownGrantResource: "PG0304",
  InvalidGrant: "PG0305",
  DuplicateGrant: "PG0306",
  /** `constraints` of the wrong shape: an unknown property, a computed key, `"*"`, a malformed entry. */
  InvalidConstraint: "PG0310",
  /** A constraint entry naming a permission or resource the schema does not declare. */
  UnknownConstraintPermission: "PG0311",
  /** A `restricted` list naming a role the schema does not declare (or its former name). */
  UnknownConstraintRole: "PG0312",
  /** An entry, role or restricted pattern written twice, or covered twice within one set. */
  DuplicateConstraintEntry: "PG0313",
  /** An `exclusive` set with fewer than two distinct entries: it forbids nothing. */
  ExclusiveSetTooSmall: "PG0314",
  /** A role holds a restricted permission it is not listed for (after wildcard expansion). */
  RestrictedViolation: "PG0315",
  /** A role holds two or more permissions of one `exclusive` set (after wildcard expansion). */
  ExclusiveViolation: "PG0316",
  /** A module file declares `namespace`: the config names the module (issue 12). */
  ModuleDeclaresNamespace: "PG0320",
  /** The root schema beside `modules` declares `Resource`, `Action` or `permissions`. */
  RootSchemaDeclaresVocabulary: "PG0321",
  /** One action value under two member names in two files (actions are one vocabulary). */
  ActionValueConflict: "PG0322",
  /** One action member name with two values in two files. */
  ActionNameConflict: "PG0323",

  // PG04xx — names that collide once converted for a configured target language
  NameCollision: "PG0401",
  /** A member name a configured target cannot emit faithfully (`__proto__` in a TypeScript enum). */
  UnusableMemberName: "PG0402",
  /** A target's `names` option renames a symbol that target does not emit. */
  NamesUnknownSymbol: "PG0403",
  /** A `names` value that is not an identifier of the target's language, or is reserved there. */
  NamesInvalidName: "PG0404",
  /** Two symbols a target emits would get one name (through `names`, or a name it already declares). */
  NamesDuplicate: "PG0405",
  /** A `names` value equal to a name generated from the schema (a Go constant, a Python member). */
  NamesClashWithVocabulary: "PG0406",
  /** A permission whose id is at or past a target's `maxBits`. */
  PermissionIdPastMaxBits: "PG0407",
  /** Two modules' names collide once converted for a target: named in both module files. */
  ModuleNameCollision: "PG0408",
  /** Two modules whose names become one identifier of a target's per-module grouping. */
  ModuleGroupCollision: "PG0410",
  /** A module's grouping identifier equals a symbol the target already emits. */
  ModuleGroupClash: "PG0411",

  // PG012x — the config's `modules` (issue 12)
  /** A module name that is not `^[a-z][a-z0-9_]*$`. */
  InvalidModuleName: "PG0120",
  /** A module's schema path leaves the repository. */
  ModulePathOutsideRepository: "PG0121",
  /** Two modules (or a module and the root schema) name one file. */
  ModuleFileShared: "PG0122",
  /** A `renamedFrom` naming a current module, or the same former name twice. */
  ModuleRenameConflict: "PG0123",
  /** A `renamedFrom` naming a module the lock never knew: nothing to rename. */
  ModuleRenameUnknown: "PG0124",

  // PG05xx — permgen.config.json
  ConfigNotFound: "PG0501",
  ConfigSyntax: "PG0502",
  ConfigInvalid: "PG0503",
  /** The config path is not a regular file (a FIFO, a device, a folder) or is too large. */
  ConfigNotRegular: "PG0510",
  /** Go `permissionType`/`maskType` that is not `import/path.Type`, or a pairing that cannot work. */
  GoTypeReference: "PG0530",
  /** An `audit.include`/`audit.exclude` glob that is absolute, leaves the repository or is malformed. */
  AuditGlobInvalid: "PG0540",
  /** `permgen audit` with no code target (TypeScript, Python, Go, Rust): no guard to look for. */
  AuditNoCodeTarget: "PG0541",

  // PG06xx — output paths and files
  PathOutsideRepository: "PG0601",
  ForeignFile: "PG0602",
  DuplicateOutput: "PG0603",
  /** A migrations folder (SQL target) whose history permgen must not continue or rewrite. */
  MigrationHistory: "PG0604",
  /** A file or folder permgen must read or write fails at the OS level (disk full, read-only, permissions). */
  IoError: "PG0605",
  /** Another `permgen generate` holds the run lock next to the config. */
  RunLocked: "PG0606",
  /** A target (or a file it emits) is a file permgen reads: the schema, the config, the lock, … */
  ProtectedPath: "PG0607",
  /**
   * Two SQL targets name different metadata tables (`tables.meta`) while a code target's
   * start-up check (`verifySchemaDigest`) must read one of them.
   */
  DigestTableConflict: "PG0620",

  // PG07xx — permgen.lock.json
  LockSyntax: "PG0701",
  LockInvalid: "PG0702",
  LockDuplicateId: "PG0703",
  LockDuplicateKey: "PG0704",
  LockReusedId: "PG0705",
  /** The lock holds git merge conflict markers. */
  LockMergeConflict: "PG0706",
  /** An id or `nextId` at or past MAX_PERMISSION_IDS, or a new key that would need one. */
  LockIdTooLarge: "PG0710",
  /** The lock path is not a regular file (a FIFO, a device, a folder) or is too large. */
  LockNotRegular: "PG0711",
  /** The lock is missing while generated files of the config carry ids: generating would renumber. */
  LockMissing: "PG0712",
  /** `permgen lock --recover` cannot rebuild the lock: outputs disagree, none carry ids, a lock exists. */
  LockRecovery: "PG0713",
  /** `permgen lock --import FILE`: a line or entry that is not a key and an id, a duplicate, a bound. */
  LockImport: "PG0714",
  /** `permgen resolve` cannot finish a merge: markers in the schema or config, no side to keep. */
  ResolveFailed: "PG0720",

  // PG08xx — diff
  /** `permgen diff --against REF`: REF names no commit (or there is no git repository). */
  DiffBadRef: "PG0801",
  /** A file `diff` reads at the ref is a link, a folder, a submodule, too large, or outside the repository. */
  DiffUnreadableAtRef: "PG0802",
  /** A module file the ref's config names is neither in the ref's tree nor an installed package. */
  DiffModuleMissingAtRef: "PG0803",

  // PG09xx — `permgen import`: reading an existing vocabulary into a schema
  /** A source (or the `--ids` file) is missing, not a regular file, too large or of no known kind. */
  ImportSourceUnreadable: "PG0901",
  /** A source does not parse in its language. */
  ImportSyntax: "PG0902",
  /** A source holds nothing permgen can import (no enum of keys, no key list). */
  ImportNothingFound: "PG0903",
  /** A value that is not a permission key `resource.action`. */
  ImportInvalidKey: "PG0904",
  /** A computed value, a call, a spread: something only running the code would tell. */
  ImportUnsupported: "PG0905",
  /** A group names a member the sources do not declare. */
  ImportUnknownMember: "PG0906",
  /** A key, a role or a grant declared twice. */
  ImportDuplicate: "PG0907",
  /** Two resources or actions that would get the same enum member name in the schema. */
  ImportNameCollision: "PG0908",
  /** A group whose name is not a valid role name. */
  ImportInvalidRoleName: "PG0909",
  /** Ids that disagree (the source and `--ids`), repeat, or are past the id bound. */
  ImportIdConflict: "PG0910",
  /** The schema or the lock `import` would write exists, and `--force` was not given. */
  ImportOutputExists: "PG0911",

  // PG093x — permgen audit
  /** `permgen audit` found no source file to scan: a pass would vouch for nothing. */
  AuditNoSources: "PG0930",
  /** A source file the audit selects is not a regular file or cannot be read. */
  AuditSourceUnreadable: "PG0931",
} as const;

export type CodeName = keyof typeof Codes;
