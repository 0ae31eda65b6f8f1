/**
 * `appendRenameAliases` (the TypeScript and Python enums' deprecated old names): one alias per
 * rename, pointing readers to the member that holds the value now (the first one when two do),
 * none whose name is taken. A renamed action renames a pair of every resource: thousands of
 * aliases over as many members, which must not cost members × aliases.
 */
import { describe, expect, it } from "vitest";
import { appendRenameAliases } from "../../src/targets/rename-aliases.js";

const doc = { description: undefined, deprecated: undefined };
const member = (name: string, value: string) => ({ name, value, doc });

describe("appendRenameAliases", () => {
  it("points each alias to the first member holding its value, and skips taken names", () => {
    const members = [member("Read", "read"), member("View", "view"), member("ViewToo", "view")];
    const result = appendRenameAliases(
      members,
      [
        { old: "show", value: "view" },
        { old: "read", value: "view" },
        { old: "gone", value: "nowhere" },
        { old: "show", value: "read" },
      ],
      (old) => old.charAt(0).toUpperCase() + old.slice(1),
    );
    expect(result.slice(0, 3)).toEqual(members);
    expect(result.slice(3).map((m) => [m.name, m.value, m.doc.deprecated])).toEqual([
      ["Show", "view", "use View."],
      // "Read" is a member's name: the member wins. A second "Show" is left out too.
      ["Gone", "nowhere", "use nowhere."],
    ]);
  });

  it("gives 20,000 renamed pairs their aliases", () => {
    const count = 20_000;
    const members = Array.from({ length: count }, (_, i) => member(`R${i}View`, `r${i}.view`));
    const aliases = Array.from({ length: count }, (_, i) => ({ old: `r${i}.read`, value: `r${i}.view` }));
    const result = appendRenameAliases(members, aliases, (old) => old.replace(".read", "Read").toUpperCase());
    expect(result).toHaveLength(2 * count);
    expect(result[count + 7]).toMatchObject({ name: "R7READ", value: "r7.view", doc: { deprecated: "use R7View." } });
    expect(result[2 * count - 1]?.doc.deprecated).toBe(`use R${count - 1}View.`);
  });
});
