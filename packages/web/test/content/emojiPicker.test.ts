import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EmojiLocale } from "../../src/content/emoji";
import { chromiumSkipReason, openContentPage, type ContentPage } from "./support/chromium";
import type { PickerHarness } from "./support/pickerEntry";

interface PickerWindow {
  natterPicker: PickerHarness;
}

const withoutVariationSelector = (emoji: string) => emoji.replace(/\uFE0F/g, "");

describe.skipIf(chromiumSkipReason)("the emoji picker (real Chromium)", () => {
  let content: ContentPage;
  beforeAll(async () => {
    content = await openContentPage("pickerEntry.tsx");
  });
  afterAll(async () => {
    await content?.close();
  });
  beforeEach(async () => {
    await content.page.evaluate(() => localStorage.clear());
  });

  async function openPicker(locale: EmojiLocale = "en") {
    await content.page.evaluate((chosen) => (window as unknown as PickerWindow).natterPicker.open(chosen), locale);
    await content.page.getByRole("option").first().waitFor({ timeout: 20_000 });
  }
  const picked = () => content.page.evaluate(() => (window as unknown as PickerWindow).natterPicker.picked);
  const closes = () => content.page.evaluate(() => (window as unknown as PickerWindow).natterPicker.closes);
  const search = () => content.page.getByRole("combobox", { name: "Search emoji" });

  it("is a labelled dialog whose search box has focus", async () => {
    await openPicker();
    const focusedLabel = () => content.page.evaluate(() => document.activeElement?.getAttribute("aria-label"));
    await expect.poll(focusedLabel).toBe("Search emoji");
    expect(await content.page.getByRole("dialog", { name: "Emoji" }).count()).toBe(1);
    expect(await content.page.getByRole("option", { name: "thumbs up" }).count()).toBe(1);
  });

  it("inserts 👍 when Alice types 'thumbs up' and presses Enter", async () => {
    await openPicker();
    await search().fill("thumbs up");
    await search().press("Enter");
    expect((await picked()).map(withoutVariationSelector)).toEqual(["👍"]);
  });

  it("moves the selection with the arrow keys and picks the selected emoji with Enter", async () => {
    await openPicker();
    const options = content.page.getByRole("option");
    expect(await options.nth(0).getAttribute("aria-selected")).toBe("true");
    await search().press("ArrowRight");
    await search().press("ArrowDown");
    await search().press("ArrowDown");
    await search().press("ArrowUp");
    const expected = await options.nth(9).textContent();
    expect(await options.nth(9).getAttribute("aria-selected")).toBe("true");
    expect(await search().getAttribute("aria-activedescendant")).toBe(await options.nth(9).getAttribute("id"));
    await search().press("Enter");
    expect(await picked()).toEqual([expected]);
  });

  it("closes on Escape", async () => {
    await openPicker();
    await search().press("Escape");
    expect(await closes()).toBe(1);
  });

  it("applies the chosen skin tone to emoji that have one, and remembers it next time", async () => {
    await openPicker();
    await content.page.getByRole("radio", { name: "Medium-dark" }).click();
    await search().fill("thumbs up");
    await search().press("Enter");
    expect(await picked()).toEqual(["👍🏾"]);
    await openPicker();
    expect(await content.page.getByRole("radio", { name: "Medium-dark" }).getAttribute("aria-checked")).toBe("true");
  });

  it("shows recently used emoji first, most recent first", async () => {
    await openPicker();
    await search().fill("tada");
    await search().press("Enter");
    await openPicker();
    await search().fill("cat face");
    await search().press("Enter");
    await openPicker();
    const recent = content.page.getByRole("group", { name: "Recently used" }).getByRole("option");
    expect(await recent.allTextContents()).toEqual(["🐱", "🎉"]);
    expect(await content.page.getByRole("option").first().textContent()).toBe("🐱");
  });

  it("searches in Chinese and labels emoji in Chinese for a zh-CN user", async () => {
    await openPicker("zh-CN");
    const chineseSearch = content.page.getByRole("combobox", { name: "搜索表情" });
    await chineseSearch.fill("猫");
    await expect.poll(() => content.page.getByRole("option", { name: "猫脸" }).count()).toBe(1);
    await chineseSearch.press("Enter");
    expect((await picked()).map(withoutVariationSelector)).toEqual(["🐈"]);
  });

  it("says so when nothing matches", async () => {
    await openPicker();
    await search().fill("zzzqqqxxx");
    await expect.poll(() => content.page.getByRole("status").textContent()).toBe("No emoji found");
  });

  it("reports no script errors in the page", () => {
    expect(content.pageErrors).toEqual([]);
  });
});
