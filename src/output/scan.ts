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
import { toIoDiagnosticError } from "./io-error.js";
import { isMissingFileError } from "./read-files.js";
import { isPermgenTempName } from "./temp-files.js";

/**
 * Reads every regular file directly inside each folder of `dirs` whose permgen header is one
 * `claim` counts as its config's (header.ts), and returns them by absolute path, sorted by
 * path. A folder that does not exist contributes nothing; one that cannot be read is a PG0605
 * diagnostic (thrown).
 */
export function scanGeneratedFiles(dirs: readonly string[], claim: HeaderClaim): GeneratedFiles {
  const found: [string, Buffer][] = [];
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
        if (!hasHeaderFor(file, claim)) continue;
        found.push([file, fs.readFileSync(file)]);
      } catch (error) {
        toIoDiagnosticError(error, file, "read");
      }
    }
  }
  found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new GeneratedFiles(new Map(found));
}

/**
 * The files scanGeneratedFiles read, by absolute path in path order: a map of their texts
 * (UTF-8, as `readFileSync(file, "utf8")` decodes) that decodes a file only when its text is
 * asked for, and keeps the bytes. Only the SQL target reads texts (its manifest and
 * migrations); at 100,000 pairs the rest are ~180 MB that a `check` would otherwise decode for
 * nothing and then read again as bytes to compare.
 */
export class GeneratedFiles implements ReadonlyMap<string, string> {
  readonly #bytes: ReadonlyMap<string, Buffer>;
  readonly #texts = new Map<string, string>();

  constructor(bytes: ReadonlyMap<string, Buffer>) {
    this.#bytes = bytes;
  }

  /** The files in `dir` (directly inside it), sharing nothing but the bytes. */
  inFolder(dir: string): GeneratedFiles {
    return new GeneratedFiles(new Map([...this.#bytes].filter(([file]) => path.dirname(file) === dir)));
  }

  /** The bytes read from `file`, or undefined when it is not among these files. */
  bytes(file: string): Buffer | undefined {
    return this.#bytes.get(file);
  }

  get(file: string): string | undefined {
    let text = this.#texts.get(file);
    if (text === undefined) {
      const bytes = this.#bytes.get(file);
      if (bytes === undefined) return undefined;
      text = bytes.toString("utf8");
      this.#texts.set(file, text);
    }
    return text;
  }

  has(file: string): boolean {
    return this.#bytes.has(file);
  }

  get size(): number {
    return this.#bytes.size;
  }

  keys(): MapIterator<string> {
    return this.#bytes.keys();
  }

  *values(): MapIterator<string> {
    for (const file of this.#bytes.keys()) yield this.get(file) as string;
  }

  *entries(): MapIterator<[string, string]> {
    for (const file of this.#bytes.keys()) yield [file, this.get(file) as string];
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
