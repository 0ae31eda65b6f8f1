/**
 * Go comments from schema text, written the way gofmt leaves them: the only way text reaches a
 * Go comment (`renderGoComment` for doc comments, `renderGoLineComment` for one line).
 *
 * Safety: every line terminator (LF, CR, CRLF, NEL, U+2028, U+2029, VT, FF) starts a new `//`
 * line, so no text can end the comment and become code (a lone CR ends a `//` comment for the Go
 * compiler), and characters the Go compiler or a reviewer's tools choke on (NUL, the byte order
 * mark, other controls, bidi overrides, lone surrogates) are written as visible `\uXXXX` text.
 *
 * gofmt (Go 1.19+) rewrites top-level doc comments with go/doc/comment (go/printer only
 * reformats a comment that starts in column 1 and abuts its declaration; indented comments are
 * left alone). For unindented lines that means: a single-line paragraph `# Heading` is printed as
 * `# ` plus its trimmed text; an old-style heading (a lone capitalised line between paragraphs)
 * becomes `# Heading`; a paragraph made only of link definitions (`[text]: https://…`) moves to
 * the end of the comment; and in paragraph text "``" becomes “ and "''" becomes ”. Top-level
 * comments are therefore written in the form gofmt would produce, so `gofmt -l` never lists the
 * generated file.
 */
import type { Doc } from "../../model/model.js";
import { formatDeprecation, splitDocLines } from "../doc-text.js";
import { escapeUnsafeChars } from "../unsafe-chars.js";

/** The `Deprecated:` paragraph go vet, gopls and pkg.go.dev recognise. */
const GO_DEPRECATION = {
  prefix: "Deprecated: ",
  withoutReason: "Deprecated: marked @deprecated in the schema.",
};

/**
 * Tells whether go/doc/comment reads `lines[i]` as an old-style heading: a single-line
 * paragraph after a blank line, followed by a blank line and more text, starting with an
 * upper-case letter, ending with a letter or decimal digit, without most punctuation.
 */
function isOldStyleHeading(lines: readonly string[], i: number): boolean {
  const line = lines[i] ?? "";
  if (i <= 0 || lines[i - 1] !== "" || i + 2 >= lines.length || lines[i + 1] !== "") return false;
  if (!/^\p{Lu}/u.test(line) || !/[\p{L}\p{Nd}]$/u.test(line)) return false;
  if (/[;:!?+*/=[\]{}_^°&§~%#@<">\\]/.test(line)) return false;
  // "'" only in a possessive "'s"; "." only when followed by a non-space.
  if (/'(?!s(?: |$))/.test(line)) return false;
  return !/\.(?: |$)/.test(line);
}

/** go/doc/comment's new-style heading: `#`, a space or tab, then text. */
function isNewStyleHeading(line: string): boolean {
  return /^#[ \t]/.test(line) && line.trim() !== "#";
}

/** go/doc/comment's link definition line: `[text]: <scheme>://…`. */
function isLinkDefinition(line: string): boolean {
  const close = line.indexOf("]:");
  if (!line.startsWith("[") || close < 0 || close + 3 >= line.length) return false;
  if (line[close + 2] !== " " && line[close + 2] !== "\t") return false;
  const url = line.slice(close + 3).trim();
  const scheme = url.indexOf("://");
  return scheme >= 0 && /^(?:file|ftp|gopher|http|https|mailto|nntp)$/.test(url.slice(0, scheme));
}

/**
 * go/doc/comment's typographic quotes in paragraph text: "``" → “ and "''" → ”, except that a
 * run of three or more backticks is kept (it may be Markdown).
 */
function convertQuotes(line: string): string {
  let out = "";
  let i = 0;
  while (i < line.length) {
    if (line.startsWith("``", i)) {
      if (line[i + 2] === "`") {
        let end = i + 3;
        while (line[end] === "`") end++;
        out += line.slice(i, end);
        i = end;
        continue;
      }
      out += "“";
      i += 2;
    } else if (line.startsWith("''", i)) {
      out += "”";
      i += 2;
    } else {
      out += line.charAt(i);
      i += 1;
    }
  }
  return out;
}

/** Rewrites top-level doc lines into the form gofmt prints (see the module comment). */
function formatTopLevelLines(input: readonly string[]): string[] {
  const lines = [...input];
  let start = 0;
  while (start < lines.length) {
    if (lines[start] === "") {
      start++;
      continue;
    }
    let end = start;
    while (end < lines.length && lines[end] !== "") end++;
    const single = end - start === 1;
    if (single && isNewStyleHeading(lines[start] ?? "")) {
      lines[start] = `# ${(lines[start] ?? "").slice(1).trim()}`;
    } else {
      for (let i = start; i < end; i++) lines[i] = convertQuotes(lines[i] ?? "");
      if (single && isOldStyleHeading(lines, start)) lines[start] = `# ${lines[start] ?? ""}`;
      else if (lines.slice(start, end).every(isLinkDefinition)) {
        // A no-break space after "]:" keeps the paragraph text, as written, in its place.
        lines[start] = (lines[start] ?? "").replace(/\]:[ \t]/, "]:\u00a0");
      }
    }
    start = end;
  }
  return lines;
}

/**
 * Renders a doc comment as Go `//` lines at the given indentation. `lines` are the paragraphs'
 * lines (`""` between paragraphs); a line holding a line terminator is split there, each line is
 * trimmed and its unsafe characters made visible, runs of blank lines collapse. A top-level
 * comment (`indent` empty) is written the way gofmt prints it; indented comments are never
 * rewritten by gofmt.
 */
export function renderGoComment(lines: readonly string[], indent: string): string[] {
  // One line (most declarations' comment) needs no join: splitDocLines has a fast path for it.
  const clean = splitDocLines(lines.length === 1 ? lines[0] : lines.join("\n"));
  const formatted = indent === "" ? formatTopLevelLines(clean) : clean;
  return formatted.map((line) =>
    line === "" ? `${indent}//` : `${indent}// ${escapeBuildConstraint(line)}`,
  );
}

/**
 * A comment line that reads `+build …` is a build constraint to gofmt (which moves it to the
 * top of the file, where it can exclude the file from every build) and a "misplaced +build
 * comment" to go vet. Its `+` is written as visible `\u002b` text, so doc text stays text.
 */
function escapeBuildConstraint(line: string): string {
  if (!line.includes("+")) return line;
  return line.replace(/^(\s*)\+(?=build)/, "$1\\u002b");
}

/**
 * Renders one `//` comment line: every line terminator and unsafe character of `text` is
 * written as visible `\uXXXX` text, so the comment always ends where the line does.
 */
export function renderGoLineComment(text: string): string {
  return `// ${escapeUnsafeChars(text)}`.trimEnd();
}

/**
 * Builds the comment lines of one generated declaration: the Go-style first sentence (starting
 * with the identifier), then the schema's description, then a `Deprecated:` paragraph when the
 * member is deprecated (the form go vet, gopls and pkg.go.dev recognise).
 */
export function buildDocLines(summary: string, doc: Doc | undefined): string[] {
  const lines = [summary];
  const description = splitDocLines(doc?.description);
  if (description.length > 0) lines.push("", ...description);
  if (doc?.deprecated !== undefined) {
    const reason = splitDocLines(doc.deprecated).join("\n");
    lines.push("", ...formatDeprecation(reason, GO_DEPRECATION).split("\n"));
  }
  return lines;
}
