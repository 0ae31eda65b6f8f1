/**
 * Reading the pipeline's inputs from disk: the config, the schema and the lock. The only place
 * besides the writer where permgen touches the file system for reading.
 *
 * Inputs are hostile: a FIFO, a device (`/dev/zero`), a folder or a huge file at an input path
 * must never block or exhaust permgen. `readInputFile` opens without blocking, checks with
 * fstat on the opened descriptor (so a link swapped after a stat cannot slip through) that it
 * is a regular file no larger than MAX_INPUT_BYTES, and reads at most that much.
 */
import fs from "node:fs";

/** The largest config, schema or lock permgen reads: 16 MiB (real ones are kilobytes). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

const FOLDER = "a folder";

/** What is at an input path. */
export type InputFile =
  | { readonly kind: "missing" }
  | { readonly kind: "file"; readonly bytes: Buffer; readonly mtimeMs: number }
  /** `what` names it for a message: "a FIFO", "a character device", "a folder", … */
  | { readonly kind: "not-regular"; readonly what: string }
  | { readonly kind: "too-large"; readonly limit: number };

// O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer; it has no
// effect on regular files. Windows has no FIFOs and no such flag.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

/**
 * Reads an input file: its bytes (and mtime) when it is a regular file of at most `limit`
 * bytes, else what it is. Links are followed unless `followLinks` is false (then a link is
 * "a symbolic link"). Never blocks on a FIFO or a device. Failures other than "not there"
 * (permissions, I/O) throw: they are not a problem of the user's input.
 */
export function readInputFile(
  file: string,
  limit: number = MAX_INPUT_BYTES,
  { followLinks = true }: { readonly followLinks?: boolean } = {},
): InputFile {
  let fd: number;
  try {
    fd = fs.openSync(file, followLinks ? OPEN_FLAGS : OPEN_FLAGS | (fs.constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    if (isMissingFileError(error)) return { kind: "missing" };
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    // A socket cannot be opened; a FIFO without a reader on some systems; a loop of links
    // (or, with O_NOFOLLOW, any link).
    if (code === "ENXIO" || code === "EOPNOTSUPP") return { kind: "not-regular", what: "a socket or device" };
    if (code === "ELOOP") {
      return { kind: "not-regular", what: followLinks ? "a loop of symbolic links" : "a symbolic link" };
    }
    throw error;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { kind: "not-regular", what: describeFileType(stat) };
    if (stat.size > limit) return { kind: "too-large", limit };
    // The size may be stale (a growing file, /proc): read at most limit + 1 bytes.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.alloc(Math.min(Math.max(stat.size - total + 1, 65_536), limit + 1 - total));
      const n = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      chunks.push(buffer.subarray(0, n));
      total += n;
      if (total > limit) return { kind: "too-large", limit };
    }
    return { kind: "file", bytes: Buffer.concat(chunks, total), mtimeMs: stat.mtimeMs };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * How an input that is not a regular file is described in a message: `"<path>" is <what>`,
 * or that it exceeds the limit.
 */
export function describeUnreadableInput(input: InputFile & { kind: "not-regular" | "too-large" }): string {
  return input.kind === "not-regular"
    ? `is ${input.what}, not a regular file`
    : `is larger than ${formatBytes(input.limit)}, the most permgen reads`;
}


/**
 * Reads a file's bytes, or returns undefined when it does not exist (or is a folder, which the
 * writer reports as a blocked path). Used to compare what is on disk with what permgen would
 * write, byte for byte. A FIFO, a device or a socket at a target path is never read (reading
 * it would block or never end): it counts as an empty file, that is one without permgen's
 * header, which `generate` refuses to replace without `--force`.
 */
export function readBytesIfExists(file: string): Buffer | undefined {
  const input = readInputFile(file, Number.POSITIVE_INFINITY);
  if (input.kind === "file") return input.bytes;
  if (input.kind === "missing" || (input.kind === "not-regular" && input.what === FOLDER)) return undefined;
  return Buffer.alloc(0);
}

/**
 * `text` without a leading byte order mark (U+FEFF), as every parser of an input reads it (the
 * config, the lock, a schema — Notepad and some Windows tools save UTF-8 with one): invisible
 * in an editor, so positions count from the character after it, as the editor shows them.
 */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Tells whether an error thrown by `fs` means "there is no file there". */
export function isMissingFileError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR";
}

function describeFileType(stat: fs.Stats): string {
  if (stat.isFIFO()) return "a FIFO (named pipe)";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isDirectory()) return FOLDER;
  if (stat.isSocket()) return "a socket";
  return "an unusual file";
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
