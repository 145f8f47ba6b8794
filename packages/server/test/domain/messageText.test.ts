import { characterCount, DEFAULT_MESSAGE_MAX, isStorableText, MESSAGE_TEXT_CEILING, messageTextSchema } from "@natter/protocol";
import { describe, expect, it } from "vitest";
import { resolveSettings } from "../../src/settings.js";

describe("message text", () => {
  it("characters are counted as people see them, not as UTF-16 units", () => {
    expect(characterCount("数据库")).toBe(3);
    expect(characterCount("👍👍👍")).toBe(3);
    expect(characterCount("")).toBe(0);
  });

  it("empty or whitespace-only text is refused", () => {
    for (const text of ["", " ", "\n\t  "]) expect(messageTextSchema.safeParse(text).success, JSON.stringify(text)).toBe(false);
    expect(messageTextSchema.safeParse(" hi ").success).toBe(true);
  });

  it("NUL and lone surrogates are refused, so SQLite and PostgreSQL store the same texts", () => {
    for (const text of ["a\u0000b", "\ud83d", "x\udc4dy", "\udc4d\ud83d"]) {
      expect(isStorableText(text), JSON.stringify(text)).toBe(false);
      expect(messageTextSchema.safeParse(text).success).toBe(false);
    }
    for (const text of ["👍", "e\u0301", "tab\tand\nnewline", "\u200b zero width is allowed in text"]) expect(isStorableText(text)).toBe(true);
  });

  it("the server's limit defaults to 4,000 characters and may be set no higher than the ceiling", () => {
    expect(DEFAULT_MESSAGE_MAX).toBe(4_000);
    expect(resolveSettings({}).maxMessageLength).toBe(DEFAULT_MESSAGE_MAX);
    expect(resolveSettings({ maxMessageLength: 100 }).maxMessageLength).toBe(100);
    expect(() => resolveSettings({ maxMessageLength: MESSAGE_TEXT_CEILING + 1 })).toThrow();
  });

  it("the schema lets through text up to the ceiling so the configured limit decides", () => {
    expect(messageTextSchema.safeParse("x".repeat(MESSAGE_TEXT_CEILING)).success).toBe(true);
  });
});
