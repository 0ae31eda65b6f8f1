/**
 * What permgen generated earlier: the files in the targets' output folders (not recursive) whose
 * first line is permgen's header naming this schema (src/output/header.ts). Targets that append
 * history read them (`EmitContext.existingFiles`); those no target produces any more are
 * orphans. Symbolic links and permgen's own temporary files are never among them: permgen
 * creates neither as an output, so it never counts or deletes them as its files.
 */
import fs from "node:fs";
import path from "node:path";
import type { HeaderClaim } from "./header.js";
import { HEADER_READ_BYTES, isHeaderOf } from "./header.js";
import { DiagnosticError } from "../diagnostics/diagnostic.js";
import { buildIoDiagnostic, toIoDiagnosticError } from "./io-error.js";
import type { InputFile } from "./read-files.js";
import { describeUnreadableInput, isMissingFileError, readInputFile } from "./read-files.js";
import { isPermgenTempName } from "./temp-files.js";

/**
 * Finds every regular file directly inside each folder of `dirs` whose permgen header is one
 * `claim` counts as its config's (header.ts), by absolute path, sorted by path; the files'
 * contents are read when asked for (GeneratedFiles). A folder that does not exist contributes
 * nothing; one that cannot be read is a PG0605 diagnostic (thrown).
 */
export function scanGeneratedFiles(dirs: readonly string[], claim: HeaderClaim): GeneratedFiles {
  const found: string[] = [];
  for (const dir of new Set(dirs.map((d) => path.resolve(d)))) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch (error) {
      if (isMissingFileError(error)) continue;
      toIoDiagnosticError(error, dir, "read this folder");
    }
    for (const name of names) {
      if (isPermgenTempName(name)) continue;
      const file = path.join(dir, name);
      try {
        if (hasHeaderFor(file, claim)) found.push(file);
      } catch (error) {
        toIoDiagnosticError(error, file, "read");
      }
    }
  }
  found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return new GeneratedFiles(found);
}

/**
 * The files scanGeneratedFiles found, in path order: a map of their texts (UTF-8, as
 * `readFileSync(file, "utf8")` decodes) that reads a file when its text is first asked for,
 * and then keeps it. Only the SQL target reads texts (its manifest and migrations). Read up
 * front, the files of a check at 100,000 pairs were 222 MB decoded for nothing and held through
 * every emitter (held as bytes instead, they slowed the emitters' allocation), then read again
 * as bytes to compare. A file that is no longer a regular file, or cannot be read, when its
 * text is asked for is a PG0605 diagnostic (thrown): never read as absent, which would start a
 * new SQL history, and never opened in a way that could block on a FIFO put in its place.
 */
export class GeneratedFiles implements ReadonlyMap<string, string> {
  readonly #files: readonly string[];
  readonly #known: ReadonlySet<string>;
  readonly #texts = new Map<string, string>();

  constructor(files: readonly string[]) {
    this.#files = files;
    this.#known = new Set(files);
  }

  /** The files in `dir` (directly inside it). */
  inFolder(dir: string): GeneratedFiles {
    return new GeneratedFiles(this.#files.filter((file) => path.dirname(file) === dir));
  }

  get(file: string): string | undefined {
    if (!this.#known.has(file)) return undefined;
    let text = this.#texts.get(file);
    if (text === undefined) {
      let input: InputFile;
      try {
        input = readInputFile(file, Number.POSITIVE_INFINITY, { followLinks: false });
      } catch (error) {
        toIoDiagnosticError(error, file, "read");
      }
      if (input.kind !== "file") {
        const what = input.kind === "missing" ? "was removed" : `${describeUnreadableInput(input)} now`;
        throw new DiagnosticError([buildIoDiagnostic(file, `cannot read: it ${what}, while permgen ran`)]);
      }
      text = input.bytes.toString("utf8");
      this.#texts.set(file, text);
    }
    return text;
  }

  has(file: string): boolean {
    return this.#known.has(file);
  }

  get size(): number {
    return this.#files.length;
  }

  keys(): MapIterator<string> {
    return this.#files.values();
  }

  *values(): MapIterator<string> {
    for (const file of this.#files) yield this.get(file) as string;
  }

  *entries(): MapIterator<[string, string]> {
    for (const file of this.#files) yield [file, this.get(file) as string];
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  forEach(callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void, thisArg?: unknown): void {
    for (const [file, text] of this.entries()) callback.call(thisArg, text, file, this);
  }
}

/**
 * Tells whether `file` is a regular file (not a link) whose first line is a permgen header
 * that `claim` counts as its config's (false when it does not exist). Checked again right before
 * deleting an orphan.
 */
export function hasHeaderFor(file: string, claim: HeaderClaim): boolean {
  if (!isRegularFile(file)) return false;
  return isHeaderOf(readHead(file), claim);
}

function isRegularFile(file: string): boolean {
  try {
    return fs.lstatSync(file).isFile();
  } catch (error) {
    if (isMissingFileError(error)) return false;
    throw error;
  }
}

function readHead(file: string): string {
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.alloc(HEADER_READ_BYTES);
    const n = fs.readSync(fd, buffer, 0, HEADER_READ_BYTES, 0);
    return buffer.subarray(0, n).toString("utf8");
  } finally {
    fs.closeSync(fd);
  }
}
