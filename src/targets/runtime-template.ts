/**
 * The fixed runtime code of a target (its guards, lookups and error types) lives in a real
 * source file of the target's language under templates/<lang>/, shipped in the package, so the
 * language's own compiler, linter and formatter check it as it is (test/templates/). An emitter
 * reads its template once, when the emitter module is loaded (emitters are loaded lazily, only
 * for a configured language), from the package's own folder: never from the user's disk, so
 * the emitter stays a pure function of the model and its options.
 *
 * The convention, the same in every language:
 * - A template is a valid file of its language. The emitter copies only its sections: the
 *   lines strictly between a `<comment> permgen:begin NAME` line and the next
 *   `<comment> permgen:end NAME` line (`<comment>` is `//` or `#`; the marker line may be
 *   indented), without the blank lines at either end, joined with LF, no final newline.
 * - Everything outside a section is a stand-in for what the emitter generates from the schema
 *   (the enums, the tables, a signature), there only so the file compiles on its own.
 * - Inside a section, `__PERMGEN_NAME__` is a placeholder the emitter fills
 *   (`fillPlaceholders`). Each language writes it where its syntax allows an identifier or
 *   string text, so the template stays valid.
 */
import fs from "node:fs";

/** The named sections of one template file. */
export interface RuntimeTemplate {
  /** The template's path below templates/, for messages. */
  readonly file: string;
  /** The text of section `name`; throws when the template has no such section. */
  section(name: string): string;
  /** Every section name, in file order. */
  readonly names: readonly string[];
}

const MARKER = /^\s*(?:\/\/|#)\s*permgen:(begin|end)\s+([A-Za-z0-9_-]+)\s*$/;
const PLACEHOLDER = /__PERMGEN_([A-Z0-9]+(?:_[A-Z0-9]+)*)__/g;

/**
 * Reads `templates/<file>` from the package (two levels above src/targets and dist/targets)
 * and splits it into its sections. A broken template is a bug in permgen: it throws.
 */
export function loadRuntimeTemplate(file: string): RuntimeTemplate {
  const url = new URL(`../../templates/${file}`, import.meta.url);
  return parseRuntimeTemplate(fs.readFileSync(url, "utf8"), file);
}

/**
 * Splits template text into its sections. CRLF reads as LF (a checkout with `autocrlf` must
 * not change the output). Throws on a marker without its partner, a nested or repeated
 * section, and a marker that is not one of the two forms.
 */
export function parseRuntimeTemplate(text: string, file: string): RuntimeTemplate {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const sections = new Map<string, string>();
  let open: { readonly name: string; readonly line: number } | undefined;
  let body: string[] = [];
  lines.forEach((line, index) => {
    const marker = MARKER.exec(line);
    if (marker === null) {
      if (line.includes("permgen:begin") || line.includes("permgen:end")) {
        throw new Error(`${file}:${index + 1}: malformed section marker: ${line.trim()}`);
      }
      if (open !== undefined) body.push(line);
      return;
    }
    const [, kind, name = ""] = marker;
    if (kind === "begin") {
      if (open !== undefined) {
        throw new Error(`${file}:${index + 1}: section ${name} begins inside ${open.name}`);
      }
      if (sections.has(name)) throw new Error(`${file}:${index + 1}: section ${name} repeated`);
      open = { name, line: index + 1 };
      body = [];
      return;
    }
    if (open?.name !== name) {
      throw new Error(`${file}:${index + 1}: section ${name} ends without beginning`);
    }
    sections.set(name, trimBlankLines(body).join("\n"));
    open = undefined;
  });
  if (open !== undefined) throw new Error(`${file}:${open.line}: section ${open.name} never ends`);
  return {
    file,
    names: [...sections.keys()],
    section(name) {
      const found = sections.get(name);
      if (found === undefined) throw new Error(`${file}: no section ${name}`);
      return found;
    },
  };
}

/**
 * Replaces every `__PERMGEN_NAME__` in `text` with `values[NAME]`. Throws when a placeholder
 * has no value or a value has no placeholder: both mean the template and its emitter drifted.
 */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  const used = new Set<string>();
  const filled = text.replace(PLACEHOLDER, (token, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for template placeholder ${token}`);
    used.add(name);
    return value;
  });
  for (const name of Object.keys(values)) {
    if (!used.has(name)) throw new Error(`template has no placeholder __PERMGEN_${name}__`);
  }
  return filled;
}

function trimBlankLines(lines: readonly string[]): readonly string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]?.trim() === "") start += 1;
  while (end > start && lines[end - 1]?.trim() === "") end -= 1;
  return lines.slice(start, end);
}
