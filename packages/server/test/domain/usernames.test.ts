import { describe, expect, it } from "vitest";
import { isReservedUsername, RESERVED_USERNAMES, usernameKey } from "../../src/domain/usernames.js";

describe("the username key", () => {
  it("names that differ only by case, width or confusable characters have one key", () => {
    const alice = usernameKey("alice");
    // ALICE, fullwidth, Cyrillic а (U+0430), Greek ο for o is not in alice: Cyrillic і (U+0456) for i.
    for (const variant of ["ALICE", "Alice", "ａｌｉｃｅ", "\u0430lice", "al\u0456ce", "\u0410LICE"]) expect(usernameKey(variant), variant).toBe(alice);
    expect(usernameKey("m")).toBe(usernameKey("rn"));
    expect(usernameKey("straße")).toBe(usernameKey("STRASSE"));
    expect(usernameKey("0scar")).toBe(usernameKey("Oscar"));
    expect(usernameKey("ﬁsh")).toBe(usernameKey("fish"));
  });

  it("names that merely resemble each other stay apart", () => {
    const keys = ["alice", "alicia", "bob", "bobby", "数据", "数据库", "Zoë", "Zoe", "ann", "anne"].map(usernameKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("a key is stable: keying a key changes nothing, so stored keys and looked-up keys meet", () => {
    for (const name of ["Alice", "ａｌｉｃｅ", "\u0430lice", "rnike", "数据库", "Zoë", "Ελένη"])
      expect(usernameKey(usernameKey(name)), name).toBe(usernameKey(name));
  });

  it("reserved names are reserved in every case, width and look-alike spelling", () => {
    for (const name of [...RESERVED_USERNAMES, "ADMIN", "Admin", "ａｄｍｉｎ", "\u0430dmin", "R00T", "Everyone", "HERE"])
      expect(isReservedUsername(name), name).toBe(true);
    for (const name of ["admins", "administrator", "rooms", "alice", "sys"]) expect(isReservedUsername(name), name).toBe(false);
  });
});
