/**
 * JSDoc comment text → the model's `Doc` (description and `@deprecated` reason).
 *
 * Works on the comment's text alone, so it is the same for enum members, array elements and
 * object properties (the TypeScript parser attaches JSDoc only to some of those).
 */
import { normalizeLineTerminators } from "../model/line-terminators.js";
import type { Doc } from "../model/model.js";

/** The documentation of an undocumented declaration. */
export const EMPTY_DOC: Doc = Object.freeze({ description: undefined, deprecated: undefined });

/**
 * Parses one `/** ... *\/` comment: reads every line terminator (CR, CRLF, NEL, U+2028, U+2029,
 * VT, FF) as one LF — the one place schema documentation is normalised, so no target ever sees
 * another line break — strips the delimiters and each line's leading `*`, takes the
 * text before the first block tag as the description (trimmed, blank edge lines dropped, lines
 * joined with "\n") and the text of the first `@deprecated` tag (possibly "") as the deprecation
 * reason, and the first word of the first `@renamedFrom` tag as `renamedFrom` (the old name this
 * member had; "" when the tag names nothing, which the model builder reports), and the rest of
 * the first `@unenforced` tag's line as `unenforced` (why `permgen audit` may find no guard
 * naming the permission). Other tags are
 * ignored. Returns `EMPTY_DOC` fields as undefined when absent.
 */
export function parseJsDoc(comment: string): Doc {
  const body = comment.replace(/^\/\*\*/, "").replace(/\*\/$/, "");
  const lines = normalizeLineTerminators(body)
    .split("\n")
    .map((line) => line.replace(/^\s*\*? ?/, "").trimEnd());
  const description: string[] = [];
  let deprecated: string[] | undefined;
  let tag: string | undefined;
  let renamedFrom: string | undefined;
  let unenforced: string | undefined;
  for (const line of lines) {
    const tagMatch = /^\s*@([A-Za-z]+)\s?(.*)$/.exec(line);
    if (tagMatch) {
      tag = tagMatch[1];
      // The first word only: `@renamedFrom escalate (since 2.3)` names `escalate`.
      if (tag === "renamedFrom" && renamedFrom === undefined)
        renamedFrom = (tagMatch[2] ?? "").trim().split(/\s+/)[0] ?? "";
      // The rest of the line: `@unenforced checked by the gateway` is shown as the reason.
      if (tag === "unenforced" && unenforced === undefined) unenforced = (tagMatch[2] ?? "").trim();
      if (tag === "deprecated" && deprecated === undefined)
        deprecated = [tagMatch[2] ?? ""];
      else if (tag === "deprecated") tag = "deprecated-again";
      continue;
    }
    if (tag === undefined) description.push(line);
    else if (tag === "deprecated" && deprecated !== undefined)
      deprecated.push(line);
  }
  const text = joinTrimmed(description);
  return Object.freeze({
    description: text === "" ? undefined : text,
    deprecated: deprecated === undefined ? undefined : joinTrimmed(deprecated),
    // Present only when tagged, so every Doc without the tag stays exactly as it was.
    ...(renamedFrom === undefined ? {} : { renamedFrom }),
    ...(unenforced === undefined ? {} : { unenforced }),
  });
}

function joinTrimmed(lines: readonly string[]): string {
  return lines.join("\n").trim();
}
