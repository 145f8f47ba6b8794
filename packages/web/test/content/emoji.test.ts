import { describe, expect, it } from "vitest";
import {
  completeShortcode,
  emojiKey,
  findEmoji,
  loadEmojiIndex,
  preferredSkinTone,
  recentEmoji,
  rememberEmoji,
  RECENT_LIMIT,
  searchEmoji,
  setPreferredSkinTone,
  withSkinTone,
  type PreferenceStore,
} from "../../src/content/emoji";
import { insertEmojiForShortcode, shortcodeQuery } from "../../src/content/shortcodeQuery";

function memoryStore(): PreferenceStore {
  const values = new Map<string, string>();
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
}

const plain = (emoji: string) => emojiKey(emoji);

describe("emoji search", () => {
  it("finds smiling faces for the English word 'smile', the :smile: emoji first", async () => {
    const results = (await searchEmoji("smile", "en", 20)).map((entry) => plain(entry.emoji));
    expect(results[0]).toBe("😄");
    expect(results).toEqual(expect.arrayContaining(["😃", "😊"]));
  });

  it("finds laughing faces for the Chinese '笑' and labels them in Chinese", async () => {
    const results = await searchEmoji("笑", "zh-CN", 30);
    const emoji = results.map((entry) => plain(entry.emoji));
    expect(emoji).toEqual(expect.arrayContaining(["😀", "😂"]));
    const labelledInChinese = (label: string) => /\p{Script=Han}/u.test(label);
    expect(results.filter((entry) => !labelledInChinese(entry.label))).toEqual([]);
  });

  it("finds cats for the Chinese '猫'", async () => {
    const emoji = (await searchEmoji("猫", "zh-CN", 30)).map((entry) => plain(entry.emoji));
    expect(emoji).toEqual(expect.arrayContaining(["🐱", "🐈", "😺"]));
  });

  it("puts the emoji whose own name is the query first: '猫' is 🐈, 'cat' is 🐈 or 🐱", async () => {
    const [chinese] = await searchEmoji("猫", "zh-CN", 5);
    expect(chinese?.label).toBe("猫");
    const [english] = await searchEmoji("cat", "en", 5);
    expect(["🐈", "🐱"]).toContain(english && plain(english.emoji));
  });

  it("still finds English names when the app is in Chinese", async () => {
    const emoji = (await searchEmoji("cat", "zh-CN", 30)).map((entry) => plain(entry.emoji));
    expect(emoji).toContain("🐈");
  });

  it("finds nothing for Chinese in the English picker, and nothing for an empty query", async () => {
    expect(await searchEmoji("猫", "en", 10)).toEqual([]);
    expect(await searchEmoji("   ", "en", 10)).toEqual([]);
  });

  it("respects the result limit", async () => {
    expect(await searchEmoji("face", "en", 5)).toHaveLength(5);
  });

  it("never offers skin-tone swatches or hair components as emoji to pick", async () => {
    const index = await loadEmojiIndex("en");
    const labels = index.entries.map((entry) => entry.label);
    expect(labels).not.toContain("light skin tone");
    expect(labels).not.toContain("red hair");
  });
});

describe("shortcode completion", () => {
  it("completes ':thu' to 👍 first", async () => {
    const [first] = await completeShortcode(":thu");
    expect(first && plain(first.emoji)).toBe("👍");
    expect(first?.shortcode).toBe("thumbsup");
  });

  it("puts the exact name first: ':cat' offers 🐱 before other cats", async () => {
    const suggestions = await completeShortcode(":cat");
    expect(suggestions[0]).toMatchObject({ shortcode: "cat", emoji: "🐱" });
    expect(suggestions.length).toBeGreaterThan(1);
  });

  it("offers nothing for a name no emoji has", async () => {
    expect(await completeShortcode(":zzzqqq")).toEqual([]);
  });
});

describe("skin tones", () => {
  it("applies the chosen tone to emoji that have tones, and leaves others alone", async () => {
    const index = await loadEmojiIndex("en");
    const thumbsUp = findEmoji(index, "👍");
    const cat = findEmoji(index, "🐱");
    if (!thumbsUp || !cat) throw new Error("the emoji data lacks 👍 or 🐱");
    expect(withSkinTone(thumbsUp, 0)).toBe(thumbsUp.emoji);
    expect(withSkinTone(thumbsUp, 1)).toBe("👍🏻");
    expect(withSkinTone(thumbsUp, 5)).toBe("👍🏿");
    expect(withSkinTone(cat, 3)).toBe(cat.emoji);
  });

  it("recognises a toned emoji as the same entry", async () => {
    const index = await loadEmojiIndex("en");
    expect(findEmoji(index, "👍🏽")?.hexcode).toBe("1F44D");
  });

  it("remembers the chosen tone, defaulting to none", () => {
    const store = memoryStore();
    expect(preferredSkinTone(store)).toBe(0);
    setPreferredSkinTone(4, store);
    expect(preferredSkinTone(store)).toBe(4);
    store.setItem("natter.emoji.skinTone", "9");
    expect(preferredSkinTone(store)).toBe(0);
  });
});

describe("recently used emoji", () => {
  it("lists the most recent first, without duplicates", () => {
    const store = memoryStore();
    rememberEmoji("👍", store);
    rememberEmoji("🎉", store);
    rememberEmoji("😂", store);
    rememberEmoji("👍", store);
    expect(recentEmoji(store)).toEqual(["👍", "😂", "🎉"]);
  });

  it(`keeps only the last ${RECENT_LIMIT}`, async () => {
    const store = memoryStore();
    const many = (await loadEmojiIndex("en")).entries.slice(0, RECENT_LIMIT + 5).map((entry) => entry.emoji);
    for (const emoji of many) rememberEmoji(emoji, store);
    const recent = recentEmoji(store);
    expect(recent).toHaveLength(RECENT_LIMIT);
    expect(recent[0]).toBe(many.at(-1));
  });

  it("starts empty when storage holds garbage, and a pick still works", () => {
    const store = memoryStore();
    store.setItem("natter.emoji.recent", "{not json");
    expect(recentEmoji(store)).toEqual([]);
    expect(rememberEmoji("🎉", store)).toEqual(["🎉"]);
  });

  it("still accepts picks when storage refuses writes", () => {
    const full: PreferenceStore = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException("quota exceeded", "QuotaExceededError");
      },
    };
    expect(rememberEmoji("🎉", full)).toEqual(["🎉"]);
  });
});

describe("noticing a :shortcode being typed", () => {
  it("finds ':thu' before the caret and replaces it with the chosen emoji", () => {
    const typed = "nice :thu";
    const query = shortcodeQuery(typed);
    expect(query).toEqual({ query: "thu", start: 5 });
    if (!query) return;
    expect(insertEmojiForShortcode(`${typed} work`, typed.length, query.start, "👍")).toEqual({
      text: "nice 👍 work",
      caret: 7,
    });
  });

  it("stays quiet for times, URLs and a lone colon", () => {
    expect(shortcodeQuery("meet at 12:30")).toBeNull();
    expect(shortcodeQuery("see http://x")).toBeNull();
    expect(shortcodeQuery("so :")).toBeNull();
    expect(shortcodeQuery("so :t")).toBeNull();
  });
});
