/**
 * The collection between targets (src/output/collect-garbage.ts): it runs only after the heap
 * grew by its threshold, gives the garbage back, and leaves no `gc` behind for other contexts
 * (permgen's API runs inside other programs).
 */
import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { collectGarbageIfGrown } from "../../src/output/collect-garbage.js";

describe("collectGarbageIfGrown", () => {
  it("collects after a large growth and exposes gc to no context", () => {
    const hadGc = typeof (globalThis as { gc?: unknown }).gc === "function";
    // 24 arrays of 2^20 doubles: 192 MiB on the heap.
    let garbage: number[][] | undefined = Array.from({ length: 24 }, (_, i) => new Array<number>(1 << 20).fill(i + 0.5));
    expect(garbage).toHaveLength(24);
    garbage = undefined;
    const before = v8.getHeapStatistics().used_heap_size;
    collectGarbageIfGrown();
    const after = v8.getHeapStatistics().used_heap_size;
    expect(after).toBeLessThan(before - 100 * 1024 * 1024);
    expect(vm.runInNewContext("typeof gc")).toBe("undefined");
    if (!hadGc) expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });
});
