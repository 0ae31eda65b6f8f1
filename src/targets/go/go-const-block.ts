/**
 * A Go `const ( … )` block in gofmt's layout, shared by both forms of the Go file: every
 * constant after its own doc comment, so gofmt has no columns to align.
 */
import { renderGoComment } from "./go-doc.js";

/** One constant of a block. */
export interface GoConstant {
  readonly doc: string[];
  readonly name: string;
  readonly type: string;
  readonly value: string;
}

/** Renders one const block: each constant after its own doc comment. */
export function renderConstBlock(entries: readonly GoConstant[]): string[] {
  if (entries.length === 0) return [];
  const lines = ["const ("];
  for (const entry of entries) {
    lines.push(
      ...renderGoComment(entry.doc, "\t"),
      `\t${entry.name} ${entry.type} = ${entry.value}`,
    );
  }
  lines.push(")", "");
  return lines;
}

