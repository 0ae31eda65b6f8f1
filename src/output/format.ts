/**
 * Formatting emitted files in memory, before they are compared or written, so `check` compares
 * exactly what `generate` writes.
 */
import type { EmittedFile } from "../targets/target.js";

/** A file ready to compare or write: final content, LF line endings. */
export interface FormattedFile {
  /** Absolute path. */
  readonly path: string;
  readonly content: string;
}

/**
 * Formats every emitted file: `format: "typescript"` runs prettier with the prettier config
 * (and `.editorconfig`) that applies to the file's path, so the user's own `prettier --check`
 * agrees with permgen; `format: "none"` keeps the content. Line endings are normalised to LF in
 * both cases. prettier is imported only when a file needs it.
 */
export async function formatFiles(files: readonly EmittedFile[]): Promise<FormattedFile[]> {
  const needsPrettier = files.some((f) => f.format === "typescript");
  const prettier = needsPrettier ? await import("prettier") : undefined;
  // Config lookups are cached per process; a long-lived caller may have edited .prettierrc.
  if (prettier !== undefined) await prettier.clearConfigCache();
  const formatted: FormattedFile[] = [];
  for (const file of files) {
    let content = file.content;
    if (file.format === "typescript" && prettier !== undefined) {
      const userOptions = (await prettier.resolveConfig(file.path, { editorconfig: true })) ?? {};
      content = await prettier.format(content, {
        ...userOptions,
        parser: "typescript",
        filepath: file.path,
        // permgen's output is LF everywhere (CONTRACT §4), whatever the user's config says.
        endOfLine: "lf",
      });
    }
    formatted.push({ path: file.path, content: normalizeLineEndings(content) });
  }
  return formatted;
}

/** Converts CRLF and lone CR line endings to LF. */
export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}
