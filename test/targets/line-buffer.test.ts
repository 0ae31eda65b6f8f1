/**
 * `LineBuffer` (src/targets/lines.ts) gives exactly what one array of the same lines joined
 * with "\n" gives, whatever the mix of pushes, array appends and buffer appends, across chunk
 * boundaries (2,048 lines), and leaves an appended buffer as it was.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineBuffer } from "../../src/targets/lines.js";

const seed = process.env.PERMGEN_PROPERTY_SEED === undefined ? undefined : Number(process.env.PERMGEN_PROPERTY_SEED);

/** One operation on a buffer under test and on its reference array. */
type Op =
  | { kind: "push"; lines: string[] }
  | { kind: "append"; lines: string[] }
  | { kind: "buffer"; ops: Op[] };

const line = fc.oneof(fc.constant(""), fc.string({ maxLength: 6 }), fc.constant("\n"));
/** Runs of lines long enough to cross a chunk boundary now and then. */
const lines = fc.oneof(
  { weight: 5, arbitrary: fc.array(line, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 5000 }).map((n) => Array.from({ length: n }, (_, i) => `l${i}`)) },
);
const { op } = fc.letrec<{ op: Op }>((tie) => ({
  op: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ kind: fc.constant("push" as const), lines }),
    fc.record({ kind: fc.constant("append" as const), lines }),
    fc.record({ kind: fc.constant("buffer" as const), ops: fc.array(tie("op"), { maxLength: 4 }) }),
  ),
}));

/** Applies `ops` to a fresh buffer and a fresh array. */
function build(ops: readonly Op[]): { buffer: LineBuffer; reference: string[] } {
  const buffer = new LineBuffer();
  const reference: string[] = [];
  for (const o of ops) {
    if (o.kind === "push") {
      buffer.push(...o.lines);
      reference.push(...o.lines);
    } else if (o.kind === "append") {
      buffer.append(o.lines);
      reference.push(...o.lines);
    } else {
      const inner = build(o.ops);
      // No text() before the append: that would flush the inner buffer's pending lines.
      buffer.append(inner.buffer);
      reference.push(...inner.reference);
      expect(inner.buffer.text()).toBe(inner.reference.join("\n"));
      expect(inner.buffer.length).toBe(inner.reference.length);
    }
  }
  return { buffer, reference };
}

describe("LineBuffer", () => {
  it("gives what one array joined with a newline gives", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        const { buffer, reference } = build(ops);
        expect(buffer.length).toBe(reference.length);
        expect(buffer.text()).toBe(reference.join("\n"));
        // text() may be asked again, and pushes after it still land in order.
        buffer.push("tail");
        expect(buffer.text()).toBe([...reference, "tail"].join("\n"));
      }),
      { numRuns: 300, ...(seed === undefined ? {} : { seed }) },
    );
  });

  it("keeps empty lines at chunk boundaries", () => {
    const buffer = new LineBuffer();
    const reference = Array.from({ length: 2048 * 2 + 1 }, (_, i) => (i % 2048 === 0 ? "" : "x"));
    buffer.append(reference);
    expect(buffer.text()).toBe(reference.join("\n"));
    expect(new LineBuffer().text()).toBe("");
  });
});
