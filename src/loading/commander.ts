/**
 * commander (the CLI's parser), a CommonJS package, taken with `require`
 * through `createRequire` rather than an ES `import`: an ES import of a CommonJS package makes
 * Node scan its source for export names with the CommonJS lexer first, which showed in every
 * warm `check` (the verdict cache answers in ~100 ms of CPU, of which the lexer and the ES
 * loader's extra resolution were ~10 ms). Values come from here; types from `import type`
 * of "commander", which the compiler erases. ts-morph has its own loader (ts-morph.ts).
 */
import { createRequire } from "node:module";
import type * as CommanderModule from "commander";

const commander = createRequire(import.meta.url)("commander") as typeof CommanderModule;

export const Command: typeof CommanderModule.Command = commander.Command;
export type Command = CommanderModule.Command;
export const CommanderError: typeof CommanderModule.CommanderError = commander.CommanderError;
export type CommanderError = CommanderModule.CommanderError;
export const Help: typeof CommanderModule.Help = commander.Help;
export type Help = CommanderModule.Help;
export const Option: typeof CommanderModule.Option = commander.Option;
export type Option = CommanderModule.Option;
