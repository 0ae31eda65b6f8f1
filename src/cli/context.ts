/**
 * What every command runs in (the directory, the environment, where text goes) and the one
 * report of an unexpected failure. Light on purpose (no commander, no pipeline): both the
 * commander program (main.ts) and the quick dispatch of the common invocations (entry.ts) use it.
 */
import fs from "node:fs";

/** Where a run reads its directory and environment from, and writes its text to. */
export interface CliContext {
  /** Directory paths are shown relative to and the config is looked up in. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Exit code of an internal error: a bug, never bad input (CONTRACT §3). */
export const INTERNAL_ERROR_EXIT = 3;

/** The context of the running process. */
export function readProcessContext(): CliContext {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => writeToFd(1, text),
    stderr: (text) => writeToFd(2, text),
  };
}

/**
 * Writes to stdout (1) or stderr (2) with `fs.writeSync`, as node's own streams do for files
 * and, on Linux, pipes — without loading node's stream and socket modules (a score of internal
 * modules, a measurable share of a `check` the verdict cache answers). Whatever the direct
 * write cannot take (a non-blocking pipe that is full, a write error) goes to the process
 * stream, which handles it as before; output order is kept, since the stream is only used
 * from then on.
 */
function writeToFd(fd: 1 | 2, text: string): void {
  const stream = fd === 1 ? process.stdout : process.stderr;
  if (usesStream[fd] === true) {
    stream.write(text);
    return;
  }
  const bytes = Buffer.from(text, "utf8");
  let offset = 0;
  try {
    while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset);
  } catch {
    usesStream[fd] = true;
    stream.write(bytes.subarray(offset));
  }
}

const usesStream: { 1?: boolean; 2?: boolean } = {};

/** Prints an unexpected failure; loads nothing, so it works whatever failed to load. */
export function reportInternalError(
  error: unknown,
  debug: boolean,
  context: CliContext,
): number {
  const message = error instanceof Error ? error.message : String(error);
  let text =
    `permgen: internal error: ${message}\n` +
    "please report this at https://github.com/permgen/permgen/issues\n";
  if (debug && error instanceof Error && error.stack !== undefined) {
    text += `${error.stack}\n`;
  }
  context.stderr(text);
  return INTERNAL_ERROR_EXIT;
}
