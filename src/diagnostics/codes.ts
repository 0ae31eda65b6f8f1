/**
 * Every diagnostic code permgen can report. Codes never change meaning once released; the README
 * lists them. Ranges: PG01xx schema file, PG02xx vocabulary rules, PG03xx roles, PG04xx target
 * naming, PG05xx config (PG054x the `audit` section), PG06xx output paths, PG07xx lock file,
 * PG093x–PG094x `permgen audit`. Audit findings (PA0nnn) are not diagnostics: src/audit/rules.ts.
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

  // PG04xx — names that collide once converted for a configured target language
  NameCollision: "PG0401",
  /** A member name a configured target cannot emit faithfully (`__proto__` in a TypeScript enum). */
  UnusableMemberName: "PG0402",

  // PG05xx — permgen.config.json
  ConfigNotFound: "PG0501",
  ConfigSyntax: "PG0502",
  ConfigInvalid: "PG0503",
  /** The config path is not a regular file (a FIFO, a device, a folder) or is too large. */
  ConfigNotRegular: "PG0510",
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

  // PG093x — permgen audit
  /** `permgen audit` found no source file to scan: a pass would vouch for nothing. */
  AuditNoSources: "PG0930",
  /** A source file the audit selects is not a regular file or cannot be read. */
  AuditSourceUnreadable: "PG0931",
} as const;

export type CodeName = keyof typeof Codes;
