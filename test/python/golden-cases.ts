/**
 * The committed Python modules (test/python/expected/) and the schema and options each is
 * generated from: the cases the shared goldens (test/golden/, whose namespace case is the
 * CONTRACT example with FastAPI) do not cover. The emitter test compares them byte for byte; the pyright test checks them
 * in strict mode.
 */
import {
  DOCS_SCHEMA,
  LONG_NAMES_SCHEMA,
  SINGLE_RESOURCE_SCHEMA,
  SMALL_SCHEMA,
} from "./python-schemas.js";

/** One golden module. */
export interface GoldenCase {
  /** File name under test/python/expected/. */
  readonly file: string;
  readonly title: string;
  readonly schema: string;
  readonly fastapi: boolean;
}

export const GOLDEN_CASES: readonly GoldenCase[] = [
  {
    file: "small_plain.py",
    title: "no namespace, no roles, no docs, fastapi: false",
    schema: SMALL_SCHEMA,
    fastapi: false,
  },
  {
    file: "docs_fastapi.py",
    title: "descriptions, escapes and deprecations",
    schema: DOCS_SCHEMA,
    fastapi: true,
  },
  {
    file: "docs_plain.py",
    title: "descriptions, escapes and deprecations, fastapi: false",
    schema: DOCS_SCHEMA,
    fastapi: false,
  },
  {
    file: "single_resource_fastapi.py",
    title: "one resource: Literal types without overloads",
    schema: SINGLE_RESOURCE_SCHEMA,
    fastapi: true,
  },
  {
    file: "long_names_fastapi.py",
    title: "long names split the way black splits them",
    schema: LONG_NAMES_SCHEMA,
    fastapi: true,
  },
];
