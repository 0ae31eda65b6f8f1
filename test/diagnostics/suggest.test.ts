import { describe, expect, it } from "vitest";
import { findClosestName, formatSuggestion } from "../../src/diagnostics/suggest.js";

describe("did you mean", () => {
  it("suggests the one declared name a typo is close to", () => {
    expect(findClosestName("raed", ["read", "create", "manage"])).toBe("read");
    expect(findClosestName("mange", ["read", "create", "manage"])).toBe("manage");
    expect(findClosestName("craete", ["read", "create"])).toBe("create");
    expect(findClosestName("enumstyle", ["language", "out", "enumStyle"])).toBe("enumStyle");
    expect(findClosestName("engagement_member", ["engagement", "engagement.member"])).toBe(
      "engagement.member",
    );
  });

  it("suggests nothing when no name is close, when two are equally close, or for an exact name", () => {
    expect(findClosestName("zzz", ["read", "create", "manage"])).toBeUndefined();
    expect(findClosestName("create", ["read", "manage"])).toBeUndefined();
    expect(findClosestName("bead", ["read", "bear"])).toBeUndefined();
    expect(findClosestName("read", ["read", "reed"])).toBeUndefined();
    expect(findClosestName("x", [])).toBeUndefined();
  });

  it("allows one edit for short names, two up to 8 characters, three beyond", () => {
    expect(findClosestName("ab", ["xy"])).toBeUndefined();
    expect(findClosestName("rd", ["read"])).toBeUndefined();
    expect(findClosestName("red", ["read"])).toBe("read");
    expect(findClosestName("mnge", ["manage"])).toBeUndefined();
    expect(findClosestName("manag", ["manage"])).toBe("manage");
    expect(findClosestName("acknoldge", ["acknowledge"])).toBe("acknowledge");
    expect(findClosestName("acknowledgement", ["acknowledge"])).toBeUndefined();
  });

  it("renders the suggestion at the end of a message, quoted unless told otherwise", () => {
    expect(formatSuggestion("raed", ["read"])).toBe('; did you mean "read"?');
    expect(formatSuggestion("Raed", ["Read"], (n) => `Action.${n}`)).toBe(
      "; did you mean Action.Read?",
    );
    expect(formatSuggestion("zzz", ["read"])).toBe("");
  });
});
