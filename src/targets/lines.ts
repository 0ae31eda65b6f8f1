/**
 * Small helpers for emitters that build a file as one array of lines joined once (the shape
 * that keeps every target linear in the size of the vocabulary and light on garbage).
 */

/**
 * Appends `lines` to `out` one by one: a spread (`out.push(...lines)`) passes every line as an
 * argument, which overflows the stack for a list of every permission at 100,000 pairs.
 */
export function appendLines(out: string[], lines: readonly string[]): void {
  for (const line of lines) out.push(line);
}

/**
 * `text` with its trailing newlines replaced by one (unchanged when it has none): what
 * `text.replace(/\n+$/, "\n")` gives, without trying the pattern at every newline of a file.
 */
export function endWithOneNewline(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return end === text.length ? text : `${text.slice(0, end)}\n`;
}
