/**
 * Unified diffs for `permgen check`, oriented as `generate` would change the file: `--- <path>`
 * is the file on disk, `+++ <path>` the file as generated, so `+` lines are what generate adds.
 *
 * The diff must stay near-linear in the size of the files, whatever is on disk: Myers' algorithm
 * (jsdiff) costs O((N + M) · D) for D changed lines, so 1,000 new permissions in a 10,000-pair
 * vocabulary took minutes. Two stages, both deterministic (a work count, never a clock):
 *
 * 1. jsdiff's Myers diff, given up after MYERS_MAX_EDIT_LENGTH changed lines: every small edit
 *    (a hand edit, a few new permissions) gets exactly the minimal diff it always got.
 * 2. Otherwise a patience-style line diff: lines that occur exactly once on both sides are
 *    anchors (their longest increasing run, O(k log k)), the regions between anchors are
 *    diffed the same way, and a region without anchors is diffed with a bounded Myers or shown
 *    as a replacement. A work budget proportional to the input bounds the whole; once it is
 *    spent, what is left is shown as replacements. The result is always a correct unified diff
 *    (`patch` and `git apply` apply it), at worst one hunk that replaces the changed middle.
 */
import type { StructuredPatchHunk } from "diff";
import { createTwoFilesPatch, diffArrays, FILE_HEADERS_ONLY, formatPatch } from "diff";

/** Lines of context around each change. */
const CONTEXT = 3;
/** Stage 1 gives up past this many changed lines (its cost is about (N + M) · this). */
export const MYERS_MAX_EDIT_LENGTH = 100;
/** A region between anchors this small (both sides together) is diffed with Myers outright. */
const SMALL_REGION = 64;
/** Myers inside a region without anchors gives up past this many changed lines. */
const REGION_MAX_EDIT_LENGTH = 32;
/** Work budget of stage 2: this many units per input line (plus a floor for small inputs). */
const WORK_PER_LINE = 40;

/**
 * Renders the unified diff (3 lines of context) from `onDisk` to `expected` for the file shown
 * as `displayPath`, with plain `--- <path>` / `+++ <path>` headers (no `Index:` line, no
 * `a/`/`b/` prefixes). Near-linear in the size of both texts.
 */
export function renderFileDiff(displayPath: string, onDisk: string, expected: string): string {
  // Every edit script has at least |N - M| changed lines, so past the bound stage 1 cannot
  // succeed: skip its tokenising and its 100 rounds (jsdiff's lines end at each LF, CRLF
  // included, as countLines counts them; the margin of 2 covers a last line without LF).
  if (Math.abs(countLines(onDisk) - countLines(expected)) > MYERS_MAX_EDIT_LENGTH + 2) {
    return renderLinePatch(displayPath, displayPath, onDisk, expected);
  }
  const minimal = createTwoFilesPatch(displayPath, displayPath, onDisk, expected, "", "", {
    context: CONTEXT,
    headerOptions: FILE_HEADERS_ONLY,
    maxEditLength: MYERS_MAX_EDIT_LENGTH,
  });
  if (minimal !== undefined) return minimal;
  return renderLinePatch(displayPath, displayPath, onDisk, expected);
}

/**
 * Renders the diff that creates a missing file: `--- /dev/null`, `+++ <path>`, every line
 * added, as `git diff` shows a new file.
 */
export function renderMissingFileDiff(displayPath: string, expected: string): string {
  return renderLinePatch("/dev/null", displayPath, "", expected);
}

/**
 * Stage 2 alone (and the new-file diff): the anchored line diff, formatted by jsdiff. Exported
 * for tests, which must exercise it on inputs small enough for stage 1.
 */
export function renderLinePatch(oldName: string, newName: string, before: string, after: string): string {
  const a = splitLines(before);
  const b = splitLines(after);
  const hunks = buildHunks(a, b, diffLineSequences(a, b));
  return formatPatch(
    { oldFileName: oldName, newFileName: newName, oldHeader: "", newHeader: "", hunks },
    FILE_HEADERS_ONLY,
  );
}

/**
 * Lines with their `\n` (the last one may lack it), as jsdiff's line diff tokenises: what
 * `text.split(/(?<=\n)/)` gives, by an `indexOf` loop (the look-behind split was 590 ms of a
 * 10,000-pair drift check). test/output/diff-fast.test.ts compares the two.
 */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
    lines.push(text.slice(start, end + 1));
    start = end + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** How many lines splitLines would return, without making them. */
export function countLines(text: string): number {
  let count = 0;
  let start = 0;
  for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
    count++;
    start = end + 1;
  }
  return start < text.length ? count + 1 : count;
}

/** One run of the edit script: `count` lines kept, removed from disk or added by generate. */
interface Op {
  readonly kind: "equal" | "delete" | "insert";
  readonly count: number;
}

/** A region still to diff: `a[aLo, aHi)` against `b[bLo, bHi)`. */
interface Region {
  readonly aLo: number;
  readonly aHi: number;
  readonly bLo: number;
  readonly bHi: number;
}

/**
 * The edit script from `a` to `b`, in order. Iterative (an explicit stack, never recursion, so
 * no input can exhaust the call stack) and bounded by the work budget.
 */
export function diffLineSequences(a: readonly string[], b: readonly string[]): Op[] {
  let budget = WORK_PER_LINE * (a.length + b.length) + 100_000;
  const ops: Op[] = [];
  const push = (kind: Op["kind"], count: number): void => {
    if (count === 0) return;
    const last = ops[ops.length - 1];
    if (last !== undefined && last.kind === kind) ops[ops.length - 1] = { kind, count: last.count + count };
    else ops.push({ kind, count });
  };
  // Tasks run in stack order: a region to diff, or an op to emit once everything before it is.
  const stack: (Region | Op)[] = [{ aLo: 0, aHi: a.length, bLo: 0, bHi: b.length }];
  while (stack.length > 0) {
    const task = stack.pop() as Region | Op;
    if ("kind" in task) {
      push(task.kind, task.count);
      continue;
    }
    let { aLo, aHi, bLo, bHi } = task;
    const start = aLo;
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
      aLo++;
      bLo++;
    }
    push("equal", aLo - start);
    let suffix = 0;
    while (aHi > aLo && bHi > bLo && a[aHi - 1] === b[bHi - 1]) {
      aHi--;
      bHi--;
      suffix++;
    }
    budget -= aHi - aLo + (bHi - bLo) + (aLo - start) + suffix;
    const n = aHi - aLo;
    const m = bHi - bLo;
    const tail: Op = { kind: "equal", count: suffix };
    if (n === 0 || m === 0 || budget <= 0) {
      push("delete", n);
      push("insert", m);
      push("equal", suffix);
      continue;
    }
    if (n + m <= SMALL_REGION) {
      budget -= (n + m) * (n + m);
      pushMyers(a.slice(aLo, aHi), b.slice(bLo, bHi), undefined, push);
      push("equal", suffix);
      continue;
    }
    const anchors = findAnchors(a, b, aLo, aHi, bLo, bHi);
    budget -= 2 * (n + m);
    if (anchors.length === 0) {
      budget -= (n + m) * REGION_MAX_EDIT_LENGTH;
      pushMyers(a.slice(aLo, aHi), b.slice(bLo, bHi), REGION_MAX_EDIT_LENGTH, push);
      push("equal", suffix);
      continue;
    }
    // Regions between anchors, each anchor an equal line; pushed in reverse so they run in order.
    stack.push(tail);
    let nextA = aHi;
    let nextB = bHi;
    for (let i = anchors.length - 2; i >= 0; i -= 2) {
      const ai = anchors[i] as number;
      const bi = anchors[i + 1] as number;
      stack.push({ aLo: ai + 1, aHi: nextA, bLo: bi + 1, bHi: nextB });
      stack.push({ kind: "equal", count: 1 });
      nextA = ai;
      nextB = bi;
    }
    stack.push({ aLo, aHi: nextA, bLo, bHi: nextB });
  }
  return ops;
}

/** Myers on a small region; when it gives up past `maxEditLength`, a replacement. */
function pushMyers(
  a: string[],
  b: string[],
  maxEditLength: number | undefined,
  push: (kind: Op["kind"], count: number) => void,
): void {
  const changes =
    maxEditLength === undefined ? diffArrays(a, b) : diffArrays(a, b, { maxEditLength });
  if (changes === undefined) {
    push("delete", a.length);
    push("insert", b.length);
    return;
  }
  for (const change of changes) {
    push(change.added ? "insert" : change.removed ? "delete" : "equal", change.count);
  }
}

/**
 * Pairs `(i, j)` with `a[i] === b[j]` where that line occurs exactly once in `a[aLo, aHi)` and
 * once in `b[bLo, bHi)`, keeping the longest run increasing in both (patience sorting). The
 * result is flat, `[i0, j0, i1, j1, …]` in increasing order: at 10,000 pairs a file has ~100,000
 * anchors, and a `[i, j]` array each (plus the arrays of the search) was half of findAnchors'
 * time, in allocation and scavenges.
 */
export function findAnchors(
  a: readonly string[],
  b: readonly string[],
  aLo: number,
  aHi: number,
  bLo: number,
  bHi: number,
): Int32Array {
  // A line's index in `a`, or -1 once it occurs twice there; then, per index of `a`, where
  // its line is in `b` (-2 not there, -1 twice). Numbers, not an object per line, and one map,
  // not one per side: the objects and their collection were most of a drift check's diff time.
  const inA = new Map<string, number>();
  for (let i = aLo; i < aHi; i++) {
    const line = a[i] as string;
    inA.set(line, inA.has(line) ? -1 : i);
  }
  const inB = new Int32Array(aHi - aLo).fill(-2);
  for (let j = bLo; j < bHi; j++) {
    const at = inA.get(b[j] as string);
    if (at === undefined || at < 0) continue;
    inB[at - aLo] = inB[at - aLo] === -2 ? j : -1;
  }
  let count = 0;
  for (let k = 0; k < inB.length; k++) if ((inB[k] as number) >= 0) count++;
  // The pairs in `a` order: pairA[k] in a, pairB[k] in b.
  const pairA = new Int32Array(count);
  const pairB = new Int32Array(count);
  for (let k = 0, n = 0; k < inB.length; k++) {
    const j = inB[k] as number;
    if (j < 0) continue;
    pairA[n] = aLo + k;
    pairB[n++] = j;
  }
  // Longest increasing subsequence of pairB: tails[l] is the pair ending the best run of
  // length l + 1 so far (their b positions increase with l), previous[k] the pair before k.
  const tails = new Int32Array(count);
  const previous = new Int32Array(count).fill(-1);
  let length = 0;
  for (let k = 0; k < count; k++) {
    const bj = pairB[k] as number;
    let lo = 0;
    let hi = length;
    // Most pairs extend the longest run (the files are mostly in the same order): test that
    // first; the binary search would find the same place.
    if (length > 0 && (pairB[tails[length - 1] as number] as number) < bj) lo = length;
    else {
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((pairB[tails[mid] as number] as number) < bj) lo = mid + 1;
        else hi = mid;
      }
    }
    if (lo > 0) previous[k] = tails[lo - 1] as number;
    tails[lo] = k;
    if (lo === length) length++;
  }
  const result = new Int32Array(2 * length);
  for (let k = length > 0 ? (tails[length - 1] as number) : -1, n = length - 1; k >= 0; k = previous[k] as number, n--) {
    result[2 * n] = pairA[k] as number;
    result[2 * n + 1] = pairB[k] as number;
  }
  return result;
}

/**
 * Groups the edit script into hunks with CONTEXT lines around each change, merging changes
 * closer than 2 × CONTEXT, as jsdiff and GNU diff do. A line without its `\n` (the last) is
 * followed by `\ No newline at end of file`.
 */
function buildHunks(a: readonly string[], b: readonly string[], ops: readonly Op[]): StructuredPatchHunk[] {
  const hunks: StructuredPatchHunk[] = [];
  let current: { oldStart: number; newStart: number; oldLines: number; newLines: number; lines: string[] } | undefined;
  let ai = 0;
  let bi = 0;
  const line = (prefix: string, text: string, into: string[]): void => {
    if (text.endsWith("\n")) into.push(prefix + text.slice(0, -1));
    else into.push(prefix + text, "\\ No newline at end of file");
  };
  const close = (): void => {
    if (current !== undefined) hunks.push(current);
    current = undefined;
  };
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k] as Op;
    if (op.kind === "equal") {
      const isLast = k === ops.length - 1;
      if (current !== undefined) {
        const keep = !isLast && op.count <= 2 * CONTEXT ? op.count : Math.min(op.count, CONTEXT);
        for (let i = 0; i < keep; i++) line(" ", a[ai + i] as string, current.lines);
        current.oldLines += keep;
        current.newLines += keep;
        if (keep < op.count || isLast) close();
      }
      ai += op.count;
      bi += op.count;
      continue;
    }
    if (current === undefined) {
      const before = Math.min(CONTEXT, ai, bi);
      current = { oldStart: ai - before + 1, newStart: bi - before + 1, oldLines: before, newLines: before, lines: [] };
      for (let i = before; i > 0; i--) line(" ", a[ai - i] as string, current.lines);
    }
    if (op.kind === "delete") {
      for (let i = 0; i < op.count; i++) line("-", a[ai + i] as string, current.lines);
      current.oldLines += op.count;
      ai += op.count;
    } else {
      for (let i = 0; i < op.count; i++) line("+", b[bi + i] as string, current.lines);
      current.newLines += op.count;
      bi += op.count;
    }
  }
  close();
  return hunks;
}
