/**
 * Small helpers for emitters that build a file line by line, linear in the size of the
 * vocabulary and light on garbage.
 */

/** Where an emitter pushes lines: an array, or a `LineBuffer` for a file's big blocks. */
export interface LineSink {
  push(...lines: string[]): unknown;
}

/** How many lines a `LineBuffer` gathers before joining them into one chunk. */
const CHUNK_LINES = 2048;

/**
 * The lines of a file under construction, kept as chunks of joined lines: every 2,048 lines are
 * joined into one string at once. An array of every line keeps a million small strings alive
 * until the file is joined, and each young-generation collection copies all of them (measured
 * at 100,000 pairs: 45 % of the Rust emitter's time was the collector). With chunks, a line
 * dies young and only the chunk survives. `text()` is what `lines.join("\n")` would give.
 */
export class LineBuffer implements LineSink {
  private readonly chunks: string[] = [];
  private pending: string[] = [];
  private count = 0;

  /** The number of lines pushed so far. */
  get length(): number {
    return this.count;
  }

  push(...lines: string[]): number {
    for (const line of lines) this.pending.push(line);
    this.count += lines.length;
    if (this.pending.length >= CHUNK_LINES) this.flush();
    return this.count;
  }

  /** Appends every line of `lines`: an array, or another buffer (left as it was). */
  append(lines: readonly string[] | LineBuffer): void {
    if (lines instanceof LineBuffer) {
      if (lines.count === 0) return;
      this.flush();
      for (const chunk of lines.chunks) this.chunks.push(chunk);
      if (lines.pending.length > 0) this.chunks.push(lines.pending.join("\n"));
      this.count += lines.count;
      return;
    }
    for (const line of lines) {
      this.pending.push(line);
      if (this.pending.length >= CHUNK_LINES) this.flush();
    }
    this.count += lines.length;
  }

  /** Every line pushed, joined with "\n" (no final newline); empty when none was pushed. */
  text(): string {
    this.flush();
    return this.chunks.join("\n");
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.chunks.push(this.pending.join("\n"));
    this.pending = [];
  }
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
