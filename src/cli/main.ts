/**
 * The command line: commander wiring and the one top-level catch that maps every outcome to an
 * exit code (0 ok, 1 drift, 2 invalid input, 3 internal error).
 *
 * Start-up cost matters (`permgen check` runs in every CI job and pre-commit hook), so this file
 * imports only commander and node built-ins at top level; each command loads its own module,
 * and the pipeline behind it, when it runs. `--help` and `--version` load neither ts-morph,
 * prettier nor zod.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Help, Option } from "../loading/commander.js";
import type { AuditFlags } from "./audit.js";
import type { GenerateFlags, ReportFlags } from "./commands.js";
import type { DiffFlags } from "./diff.js";
import type { ImportFlags } from "./import.js";
import type { InitFlags } from "./init.js";
import type { LockFlags } from "./lock.js";
import { readProcessContext, reportInternalError } from "./context.js";
import type { CliContext } from "./context.js";

export type { CliContext } from "./context.js";

const USAGE_ERROR_EXIT = 2;
const HELP_WIDTH = 80;

/**
 * Runs permgen with the arguments after the program name and returns the exit code; it never
 * calls `process.exit`, so buffered output is flushed by node before the process ends. With no
 * arguments it prints the help to stdout and returns 0, as cobra-based codegen CLIs (sqlc) do.
 */
export async function main(
  argv: string[],
  context: CliContext = readProcessContext(),
): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(context, (code) => {
    exitCode = code;
  });
  if (argv.length === 0) {
    context.stdout(program.helpInformation());
    return 0;
  }
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version displays exit 0; every usage mistake is invalid input.
      return error.exitCode === 0 ? 0 : USAGE_ERROR_EXIT;
    }
    return reportInternalError(error, argv.includes("--debug"), context);
  }
}

/**
 * Builds the commander program. Each action reports its exit code through `setExitCode`;
 * an exception escaping an action is a bug and becomes exit 3.
 */
function buildProgram(
  context: CliContext,
  setExitCode: (code: number) => void,
): Command {
  const program = new Command("permgen");
  // Settings set before `.command()` are inherited by every subcommand.
  program
    .exitOverride()
    // A fixed help width keeps the text identical in a terminal, a pipe and a CI log.
    .configureOutput({
      writeOut: context.stdout,
      writeErr: context.stderr,
      getOutHelpWidth: () => HELP_WIDTH,
      getErrHelpWidth: () => HELP_WIDTH,
    })
    // The command list shows `import [options]`, not `import [options] <source...>`, so one
    // long term does not push every description right; `permgen import --help` shows it all.
    .configureHelp({
      subcommandTerm: (cmd) =>
        cmd.name() === "import" ? "import [options]" : new Help().subcommandTerm(cmd),
    })
    .showHelpAfterError("(run `permgen --help` for usage)")
    .description(
      "Schema-first permission codegen: typed permission code from one schema.",
    )
    .version(readVersion(), "-V, --version", "print permgen's version");

  const act =
    <F extends { readonly debug?: boolean | undefined }>(
      run: (flags: F) => Promise<number>,
    ) =>
    async (flags: F): Promise<void> => {
      try {
        setExitCode(await run(flags));
      } catch (error) {
        setExitCode(reportInternalError(error, flags.debug === true, context));
      }
    };

  addCommonOptions(
    program
      .command("generate")
      .description("write every target and permgen.lock.json, delete orphans")
      .option(
        "--force",
        "overwrite files at target paths that lack permgen's header",
      )
      .option(
        "--watch",
        "keep running: regenerate after every save of the config, schema, lock or prettier config",
      ),
  ).action(
    act(async (flags: GenerateFlags) =>
      flags.watch === true
        ? (await import("./watch.js")).runGenerateWatch(flags, context)
        : (await import("./commands.js")).runGenerate(flags, context),
    ),
  );

  addCommonOptions(
    program
      .command("check")
      .description("exit 1 when generated files are out of date")
      .addOption(formatOption()),
  ).action(
    act(async (flags: ReportFlags) =>
      (await import("./commands.js")).runCheck(flags, context),
    ),
  );

  addCommonOptions(
    program
      .command("validate")
      .description("report problems in the config and the schema")
      .addOption(formatOption()),
  ).action(
    act(async (flags: ReportFlags) =>
      (await import("./commands.js")).runValidate(flags, context),
    ),
  );

  addCommonOptions(
    program
      .command("diff")
      .description("who gains and loses what since a git ref")
      .option(
        "--against <ref>",
        "the git ref to compare with (default: origin/$GITHUB_BASE_REF on a GitHub pull request, else HEAD)",
      )
      .addOption(
        new Option("--format <format>", "output format")
          .choices(["text", "markdown", "json"])
          .default("text"),
      )
      .addOption(
        new Option("--fail-on <level>", "exit 1 when a finding at or above this level is found")
          .choices(["breaking", "widening", "any", "none"])
          .default("breaking"),
      )
      .option("--verbose", "also report description changes"),
  ).action(
    act(async (flags: DiffFlags) =>
      (await import("./diff.js")).runDiff(flags, context),
    ),
  );

  addCommonOptions(
    program
      .command("audit")
      .description(
        "find unenforced permissions, unguarded routes, magic keys",
      )
      .addOption(
        new Option("--format <format>", "output format")
          .choices(["text", "json", "sarif"])
          .default("text"),
      )
      .addOption(
        new Option("--fail-on <severity>", "exit 1 on findings at or above this severity")
          .choices(["error", "warning", "note", "none"])
          .default("error"),
      )
      .option("--verbose", "also list exempted findings and why"),
  ).action(
    act(async (flags: AuditFlags) =>
      (await import("./audit.js")).runAuditCommand(flags, context),
    ),
  );

  addCommonOptions(
    program
      .command("resolve")
      .description(
        "after a git merge: keep our ids, renumber theirs",
      ),
  ).action(
    act(async (flags: GenerateFlags) =>
      (await import("./resolve.js")).runResolve(flags, context),
    ),
  );

  addCommonOptions(
    program
      .command("lock")
      .description("write permgen.lock.json when generate cannot: recover it, or import ids")
      .option(
        "--recover",
        "rebuild a lost lock from the ids the generated files carry",
      )
      .option(
        "--import <file>",
        "seed the lock from a CSV (key,id) or JSON ({\"key\": id}) file",
      ),
  ).action(
    act(async (flags: LockFlags) =>
      (await import("./lock.js")).runLock(flags, context),
    ),
  );

  addCommonOptions(
    program
      .command("import")
      .description("write a schema (and lock ids) from an existing vocabulary")
      .argument("<source...>", "Python, Rust or TypeScript enum modules, JSON or CSV key lists")
      .option("--out <path>", "schema to write (default: the config's, else schema/permissions.ts)")
      .option("--ids <file>", "ids for the lock, a CSV (key,id) or JSON ({\"key\": id}) file")
      .option("--force", "replace an existing schema or lock"),
  ).action(
    async (sources: string[], flags: ImportFlags) => {
      await act(async (f: ImportFlags) => (await import("./import.js")).runImport(sources, f, context))(flags);
    },
  );

  addCommonOptions(
    program
      .command("init")
      .description(
        "scaffold a schema, config, justfile recipe and CI workflow",
      ),
  ).action(
    act(async (flags: InitFlags) =>
      (await import("./init.js")).runInit(flags, context),
    ),
  );

  return program;
}

/** The options every command takes. */
function addCommonOptions(command: Command): Command {
  return command
    .option("--config <path>", "config file (default: permgen.config.json)")
    .option(
      "--debug",
      "print stage timings, and stack traces of internal errors",
    )
    .option(
      "--no-cache",
      "bypass the verdict cache (the compiled-code cache stays: PERMGEN_CODE_CACHE=0 turns it off)",
    );
}

function formatOption(): Option {
  return new Option("--format <format>", "output format")
    .choices(["text", "json"])
    .default("text");
}

/** permgen's version from its package.json, read at run time (src/cli and dist/cli alike). */
function readVersion(): string {
  const pkg: unknown = JSON.parse(
    readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
  );
  const version = (pkg as { version?: unknown }).version;
  return typeof version === "string" ? version : "unknown";
}
