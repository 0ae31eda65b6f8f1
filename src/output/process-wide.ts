/**
 * State that must be one per process although permgen's modules may be loaded more than once
 * in it: the ES modules of dist/ (the API, `permgen lock`), dist/bundle/cli.mjs and
 * dist/bundle/pipeline.cjs each hold their own copy of a module such as run-lock.ts. A lock one
 * copy holds must not look stale to another (a `check` would answer from the cache during a
 * `generate`), nor a temp file one copy writes to another's cleanup. Such state lives on
 * `globalThis` under a registered symbol, created by the first copy that asks.
 */

/** The process's one value of `name`, made by `create` the first time any copy asks. */
export function processWide<T>(name: string, create: () => T): T {
  const store = globalThis as Record<symbol, unknown>;
  const key = Symbol.for(`permgen.${name}`);
  if (!(key in store)) store[key] = create();
  return store[key] as T;
}
