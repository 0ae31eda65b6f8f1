/**
 * What bin/permgen.js runs. The invocations CI and pre-commit hooks run on every commit —
 * `check` and `generate` with only `--config`, `--format`, `--no-cache`, `--debug` or `--force`
 * — go straight to their command: building the commander program costs more than a `check`
 * the verdict cache answers (≈ 15 ms of a ≈ 50 ms budget). Every other argument list (help,
 * version, any other command or option, a repeated or malformed option) goes to commander
 * (main.ts), which owns usage errors and help, so nothing it would reject is accepted here.
 * `parseQuickInvocation` yields exactly the flags commander gives the same arguments (a test
 * compares them over every form it accepts).
 */
import type { GenerateFlags, ReportFlags } from "./commands.js";
import { readProcessContext, reportInternalError } from "./context.js";
import type { CliContext } from "./context.js";

/** A `check` or `generate` invocation with the flags commander would parse from it. */
export type QuickInvocation =
  | { readonly command: "check"; readonly flags: ReportFlags }
  | { readonly command: "generate"; readonly flags: GenerateFlags };

/** Runs permgen with the arguments after the program name and returns the exit code. */
export async function runPermgen(
  argv: readonly string[],
  context: CliContext = readProcessContext(),
): Promise<number> {
  const quick = parseQuickInvocation(argv);
  if (quick === undefined) return (await import("./main.js")).main([...argv], context);
  try {
    const commands = await import("./commands.js");
    return quick.command === "check"
      ? await commands.runCheck(quick.flags, context)
      : await commands.runGenerate(quick.flags, context);
  } catch (error) {
    return reportInternalError(error, quick.flags.debug === true, context);
  }
}

/**
 * The command and flags of `check`/`generate` argument lists made only of the options listed in
 * the module comment, each at most once, values not empty and not starting with `-` (commander
 * decides what those mean); undefined for anything else.
 */
export function parseQuickInvocation(argv: readonly string[]): QuickInvocation | undefined {
  const [command, ...rest] = argv;
  if (command !== "check" && command !== "generate") return undefined;
  const seen = new Set<string>();
  let config: string | undefined;
  let format: "text" | "json" = "text";
  let debug = false;
  let cache = true;
  let force = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? "";
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (seen.has(name)) return undefined;
    seen.add(name);
    const takesValue = name === "--config" || (name === "--format" && command === "check");
    let value: string | undefined;
    if (takesValue) {
      value = eq === -1 ? rest[++i] : arg.slice(eq + 1);
      if (value === undefined || value === "" || value.startsWith("-")) return undefined;
    } else if (eq !== -1) {
      return undefined;
    }
    switch (name) {
      case "--config":
        config = value;
        break;
      case "--format":
        if (value !== "text" && value !== "json") return undefined;
        format = value;
        break;
      case "--debug":
        debug = true;
        break;
      case "--no-cache":
        cache = false;
        break;
      case "--force":
        if (command !== "generate") return undefined;
        force = true;
        break;
      default:
        return undefined;
    }
  }
  const common = {
    ...(config === undefined ? {} : { config }),
    ...(debug ? { debug } : {}),
    cache,
  };
  return command === "check"
    ? { command, flags: { ...common, format } }
    : { command, flags: { ...common, ...(force ? { force } : {}) } };
}
