import { nameKey, nameSchema } from "@natter/protocol";
import { describe, expect, it } from "vitest";

const accepts = (name: string) => nameSchema.safeParse(name).success;
const parsed = (name: string) => nameSchema.parse(name);

describe("user and room names", () => {
  it("plain names in any script are accepted, from 2 to 32 characters", () => {
    for (const name of ["al", "alice", "bob_1", "carol.w", "design-team", "数据", "Zoë", "Ελένη", "a".repeat(32), "张".repeat(32)]) {
      expect(accepts(name), name).toBe(true);
    }
  });

  it("a name shorter than 2 or longer than 32 characters is refused, counting characters not UTF-16 units", () => {
    for (const name of ["", "a", " a ", "a".repeat(33), "张".repeat(33)]) expect(accepts(name), name).toBe(false);
    expect(accepts("𝒶𝒷")).toBe(true);
    expect(accepts("𝒶".repeat(32))).toBe(true);
    expect(accepts("𝒶".repeat(33))).toBe(false);
  });

  it("surrounding spaces are trimmed and the name is stored NFC-normalised", () => {
    expect(parsed("  alice  ")).toBe("alice");
    const decomposed = "Zoe\u0308";
    expect(parsed(decomposed)).toBe("Zo\u00eb");
    expect(parsed(decomposed)).toBe(parsed("Zo\u00eb"));
    expect(parsed("\ufeffalice\u00a0")).toBe("alice");
  });

  it("control, zero-width, bidi and invisible characters are refused", () => {
    const sneaky = ["ali\u200bce", "ali\u200dce", "\u202Eecila", "ali\u2066ce", "ali\u00adce", "ali\u0007ce", "ali\nce", "ali\u2028ce", "ali\ufeffce"];
    for (const name of sneaky) expect(accepts(name), JSON.stringify(name)).toBe(false);
  });

  it("spaces, punctuation, NUL and lone surrogates are refused", () => {
    for (const name of ["ali ce", "alice!", "<b>", "al@ce", "ali\u0000ce", "ali\ud800ce", "\udc00bob"]) expect(accepts(name), JSON.stringify(name)).toBe(false);
  });

  it("names that differ only by case or width share one key", () => {
    expect(nameKey("Alice")).toBe("alice");
    expect(nameKey("ＡＬＩＣＥ")).toBe("alice");
    expect(nameKey("ALICE")).toBe(nameKey("ａｌｉｃｅ"));
    expect(nameKey("Zoë")).toBe(nameKey(parsed("ZOE\u0308")));
    expect(nameKey("alice")).not.toBe(nameKey("alicia"));
  });
});
