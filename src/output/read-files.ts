/**
 * Reading the pipeline's inputs from disk: the config, the schema and the lock. The only place
 * besides the writer where permgen touches the file system for reading.
 */
import fs from "node:fs";

/**
 * Reads a UTF-8 text file, or returns undefined when it does not exist (or is not a file).
 * Any other failure (permissions, I/O) throws: it is not a problem of the user's input.
 */
export function readTextFileIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    if (isMissingFileError(error)) return undefined;
    throw error;
  }
}

/**
 * Reads a file's bytes, or returns undefined when it does not exist. Used to compare what is
 * on disk with what permgen would write, byte for byte.
 */
export function readBytesIfExists(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if (isMissingFileError(error)) return undefined;
    throw error;
  }
}

/** Tells whether an error thrown by `fs` means "there is no file there". */
export function isMissingFileError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR";
}
