/**
 * The registry of target languages. Descriptors are cheap (zod options + name checks); each
 * emitter is loaded on demand. Adding a language: a folder under src/targets/<language>/ with a
 * descriptor and an emitter, and one line here.
 */
import { goTarget } from "./go/descriptor.js";
import { jsonTarget } from "./json/descriptor.js";
import { markdownTarget } from "./markdown/descriptor.js";
import { pythonTarget } from "./python/descriptor.js";
import { rustTarget } from "./rust/descriptor.js";
import { sqlTarget } from "./sql/descriptor.js";
import type { TargetDescriptor } from "./target.js";
import { typescriptTarget } from "./typescript/descriptor.js";

export const TARGETS: readonly TargetDescriptor<any>[] = [
  typescriptTarget,
  goTarget,
  pythonTarget,
  rustTarget,
  jsonTarget,
  markdownTarget,
  sqlTarget,
];

/** The descriptor for a language, or undefined. */
export function findTarget(language: string): TargetDescriptor<any> | undefined {
  return TARGETS.find((t) => t.language === language);
}
