/**
 * A Go `const ( … )` block in gofmt's layout, shared by both forms of the Go file: every
 * constant after its own doc comment, so gofmt has no columns to align.
 */
import type { LineSink } from "../lines.js";
import { renderGoComment } from "./go-doc.js";

/** One constant of a block. */
export interface GoConstant {
  readonly doc: string[];
  readonly name: string;
  readonly type: string;
  readonly value: string;
}

/**
 * Pushes one const block onto `out`: the constant of each of `members` (`toConstant`), then
 * each of `extra`, after its own doc comment; nothing when there are none. Each constant is
 * built as it is written, so a block of 100,000 members leaves no array of 100,000 constants
 * (and their doc lines) alive while the file is rendered.
 */
export function pushConstBlock<T>(
  out: LineSink,
  members: readonly T[],
  toConstant: (member: T) => GoConstant,
  extra: readonly GoConstant[] = [],
): void {
  if (members.length === 0 && extra.length === 0) return;
  out.push("const (");
  const write = (entry: GoConstant): void => {
    out.push(...renderGoComment(entry.doc, "\t"), `\t${entry.name} ${entry.type} = ${entry.value}`);
  };
  for (const member of members) write(toConstant(member));
  for (const entry of extra) write(entry);
  out.push(")", "");
}
