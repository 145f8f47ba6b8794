import { describe, expect, it } from "vitest";
import { dictionaries, localeFor } from "../../src/i18n/dictionary.js";

describe("the language of the app", () => {
  it("is Simplified Chinese for a Chinese browser and English otherwise", () => {
    expect(localeFor("zh-CN")).toBe("zh-CN");
    expect(localeFor("zh")).toBe("zh-CN");
    expect(localeFor("en-GB")).toBe("en");
    expect(localeFor("fr")).toBe("en");
    expect(localeFor(undefined)).toBe("en");
  });

  it("has every English text in Chinese too, and no text left empty", () => {
    const english = Object.keys(dictionaries.en).sort();
    expect(Object.keys(dictionaries["zh-CN"]).sort()).toEqual(english);
    for (const dictionary of Object.values(dictionaries)) {
      for (const value of Object.values(dictionary)) if (typeof value === "string") expect(value.trim()).not.toBe("");
    }
  });

  it("says who is typing in a sentence for one, two or many people", () => {
    expect(dictionaries.en.someoneTyping(["alice"])).toBe("alice is typing…");
    expect(dictionaries.en.someoneTyping(["alice", "bob"])).toBe("alice and bob are typing…");
    expect(dictionaries["zh-CN"].someoneTyping(["alice"])).toBe("alice 正在输入…");
  });
});
