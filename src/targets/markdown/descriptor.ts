/**
 * The Markdown target's cheap half: its config options. It has no name table or name checks: every
 * value is written as data, never as an identifier. The emitter (`emit-markdown.ts`) is loaded
 * only when files are generated.
 */
import { z } from "zod";
import { buildOutFileOption } from "../out-option.js";
import type { BaseTargetOptions, Emitter, TargetDescriptor } from "../target.js";

/** Options of a `language: "markdown"` target, after config paths are resolved. */
export interface MarkdownOptions extends BaseTargetOptions {
  readonly language: "markdown";
  /** Absolute path of the generated `.md` file. */
  readonly out: string;
}

const markdownOptionsSchema = z
  .strictObject({
    language: z
      .literal("markdown")
      .describe("Selects the Markdown target: one reviewable document of the vocabulary."),
    out: buildOutFileOption(
      ["md", "markdown"],
      "The Markdown file to write, relative to this config file (for example `docs/PERMISSIONS.md`). Required.",
    ),
  })
  .describe(
    "Markdown: a document for reviewers — namespace, digest, tables of resources, actions and permissions with their ids and descriptions, roles, and a role × permission matrix.",
  );

/** The Markdown target: `{ "language": "markdown", "out": "docs/PERMISSIONS.md" }`. */
export const markdownTarget: TargetDescriptor<MarkdownOptions> = {
  language: "markdown",
  options: markdownOptionsSchema,
  outIsFolder: false,
  loadEmitter: async (): Promise<Emitter<MarkdownOptions>> =>
    (await import("./emit-markdown.js")).emitMarkdown,
};
