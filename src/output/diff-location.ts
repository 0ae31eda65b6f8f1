/**
 * Where a unified diff first changes the file on disk: the line a pull-request annotation
 * should point at. Pure text in, numbers out.
 */

/** A range of lines in the file on disk, 1-based and inclusive. */
export interface LineRange {
  readonly line: number;
  readonly endLine: number;
}

/**
 * The lines of the on-disk file (`---` side) that the first hunk of `diff` removes or replaces,
 * skipping its leading context; for a hunk that only adds lines, the line they go after (1 for
 * the top of the file). Undefined when `diff` has no hunk.
 */
export function locateFirstChange(diff: string): LineRange | undefined {
  const lines = diff.split("\n");
  const start = lines.findIndex((l) => l.startsWith("@@ "));
  if (start === -1) return undefined;
  const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/.exec(lines[start] ?? "");
  if (header === null) return undefined;
  let line = Number(header[1]);
  // "-0,0": the file on disk is empty; "-n,0": lines are added after line n.
  if (header[2] === "0") return { line: Math.max(line, 1), endLine: Math.max(line, 1) };
  let i = start + 1;
  for (; i < lines.length && (lines[i] ?? "").startsWith(" "); i++) line++;
  let removed = 0;
  for (; i < lines.length; i++) {
    const text = lines[i] ?? "";
    if (text.startsWith("-")) removed++;
    else if (!text.startsWith("\\")) break;
  }
  // Only additions here: they go after the previous line, which is what the reviewer reads.
  if (removed === 0) return { line: Math.max(line - 1, 1), endLine: Math.max(line - 1, 1) };
  return { line, endLine: line + removed - 1 };
}
