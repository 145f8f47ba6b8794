import { describe, expect, it } from "vitest";
import { hasFullShortcode, loadShortcodes, replaceShortcodes, replaceShortcodesAround, type ShortcodeLookup } from "../../src/content/shortcodes";

const tiny: ShortcodeLookup = (name) => ({ tada: "🎉", "+1": "👍", smile: "😄" })[name];

describe("shortcodes typed in full", () => {
  it("replace every known :name: and leave unknown ones as typed", () => {
    expect(replaceShortcodes("ship :tada::tada: :+1: :nope: :Smile:", tiny)).toBe("ship 🎉🎉 👍 :nope: 😄");
  });

  it("leave times, URLs and names glued to a word alone", () => {
    for (const text of ["at 12:30:45", "http://a:smile:b", "word:tada:", "::", ":tada"]) {
      expect(replaceShortcodes(text, tiny)).toBe(text);
    }
  });

  it("say whether a text is worth loading the emoji index for", () => {
    // Twice: a global pattern remembers where it stopped, and the second answer must not depend on the first.
    expect(hasFullShortcode("hi :tada:")).toBe(true);
    expect(hasFullShortcode("hi :tada:")).toBe(true);
    expect(hasFullShortcode("at 12:30 or :tada")).toBe(false);
  });

  it("keep the caret after what was typed, and leave one the caret splits for later", () => {
    expect(replaceShortcodesAround("a :tada: b", 8, tiny)).toEqual({ text: "a 🎉 b", caret: 4 });
    expect(replaceShortcodesAround(":smile: x :tad", 14, tiny)).toEqual({ text: "😄 x :tad", caret: 9 });
    expect(replaceShortcodesAround(":tada:", 3, tiny)).toEqual({ text: ":tada:", caret: 3 });
  });

  it("know GitHub's and emojibase's names from the real emoji data", async () => {
    const lookup = await loadShortcodes();
    expect(replaceShortcodes(":tada: :thumbsup: :heart: :joy:", lookup)).toBe("🎉 👍️ ❤️ 😂");
  });
});
