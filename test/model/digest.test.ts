import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { computeDigest, serializeCanonical } from "../../src/model/digest.js";
import { loadFromSource, modelFromSource } from "../helpers/model.js";

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

const TINY = `export enum Resource { Alert = "alert", A_b = "a_b", Ab = "ab" }
export enum Action { Read = "read", Ack = "ack" }
export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Ack],
  [Resource.Ab]: [Action.Read],
  [Resource.A_b]: [Action.Read],
};
export const roles = { viewer: ["alert.read", "ab.read"], admin: ["*"] };
export const namespace = "soc";
`;

describe("computeDigest", () => {
  test("is the sha256 of the documented canonical JSON", () => {
    const model = modelFromSource(TINY);
    const expected =
      `{"v":1,"namespace":"soc","resources":["a_b","ab","alert"],"actions":["ack","read"],` +
      `"permissions":[["soc.a_b.read","a_b","read",3],["soc.ab.read","ab","read",2],` +
      `["soc.alert.ack","alert","ack",1],["soc.alert.read","alert","read",0]],` +
      `"roles":[["admin",["soc.a_b.read","soc.ab.read","soc.alert.ack","soc.alert.read"]],` +
      `["viewer",["soc.ab.read","soc.alert.read"]]]}`;
    expect(serializeCanonical(model)).toBe(expected);
    expect(computeDigest(model)).toBe(sha256(expected));
    expect(model.digest).toBe(sha256(expected));
  });

  test("writes null for no namespace and covers no roles", () => {
    const model = modelFromSource(`export enum Resource { Alert = "alert" }
export enum Action { Read = "read" }
export const permissions = { [Resource.Alert]: [Action.Read] };
`);
    const expected =
      `{"v":1,"namespace":null,"resources":["alert"],"actions":["read"],` +
      `"permissions":[["alert.read","alert","read",0]],"roles":[]}`;
    expect(model.digest).toBe(sha256(expected));
  });

  test("ignores docs and declaration order but not ids", () => {
    const base = modelFromSource(TINY);
    const documented = modelFromSource(
      TINY.replace("export enum Action", "/** Verbs. */\nexport enum Action").replace(
        "Action.Ack]",
        "/** @deprecated gone soon */ Action.Ack]",
      ),
    );
    expect(documented.permissions[1]?.doc.deprecated).toBe("gone soon");
    expect(documented.digest).toBe(base.digest);

    const { lock } = loadFromSource(TINY);
    const reordered = modelFromSource(
      TINY.replace("[Action.Read, Action.Ack]", "[Action.Ack, Action.Read]"),
      { lock },
    );
    expect(reordered.digest).toBe(base.digest);

    const renumbered = modelFromSource(
      TINY.replace("[Action.Read, Action.Ack]", "[Action.Ack, Action.Read]"),
    );
    expect(renumbered.digest).not.toBe(base.digest);
  });
});
