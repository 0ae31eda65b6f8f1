/**
 * Which prettier configs the verdict cache can key on their bytes (issue 8, item 11): only
 * those whose whole effect is in those bytes; anything that names another file, a package or
 * a plugin, or that permgen cannot read flatly, bypasses the cache.
 */
import { describe, expect, it } from "vitest";
import { isSelfContainedPrettierConfig } from "../../src/output/cache.js";

describe("isSelfContainedPrettierConfig", () => {
  it.each([
    ["package.json", '{ "name": "app" }'],
    ["package.json", '{ "prettier": { "semi": false, "overrides": [{ "files": "*.ts", "options": { "tabWidth": 4 } }] } }'],
    [".prettierrc", '{ "semi": false }'],
    [".prettierrc", "# style\nsemi: false\nsingleQuote: true\n"],
    [".prettierrc.json", "{}"],
    [".prettierrc.yaml", "---\nprintWidth: 100\n"],
    [".prettierrc.toml", 'semi = false\ntrailingComma = "all"\n'],
    [".editorconfig", "root = true\n[*]\nindent_style = tab\n"],
  ])("keys on %s %j", (name, content) => {
    expect(isSelfContainedPrettierConfig(name, content)).toBe(true);
  });

  it.each([
    ["package.json", '{ "prettier": "@co/prettier-config" }'],
    ["package.json", '{ "prettier": { "plugins": ["prettier-plugin-organize-imports"] } }'],
    ["package.json", "{ broken"],
    ["package.yaml", "name: app\nprettier: '@co/prettier-config'\n"],
    [".prettierrc", '"@co/prettier-config"\n'],
    [".prettierrc", "@co/prettier-config\n"],
    [".prettierrc", '{ "overrides": [{ "files": "*.ts", "options": { "parser": "./my-parser.js" } }] }'],
    [".prettierrc.yaml", "plugins:\n  - prettier-plugin-x\n"],
    [".prettierrc.yaml", "overrides:\n  - files: '*.ts'\n    options:\n      semi: false\n"],
    [".prettierrc.yml", "semi: [false]\n"],
    [".prettierrc.json5", "{ semi: false, }"],
    [".prettierrc.toml", '[[overrides]]\nfiles = "*.ts"\n'],
  ])("bypasses the cache for %s %j", (name, content) => {
    expect(isSelfContainedPrettierConfig(name, content)).toBe(false);
  });
});
