import type { CustomEmoji } from "@natter/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumSkipReason, openContentPage, type ContentPage } from "./support/chromium";
import type { HarnessWindow } from "./support/harness";

const parrot: CustomEmoji = { name: "party_parrot", url: "/api/emoji/party_parrot?v=1", createdBy: "operator", createdAt: "2026-12-05T00:00:00.000Z" };

describe.skipIf(chromiumSkipReason)("custom emoji in messages (real Chromium)", () => {
  let content: ContentPage;
  beforeAll(async () => {
    content = await openContentPage();
    await content.page.evaluate((list) => (window as unknown as HarnessWindow).natterContent.setCustomEmoji(list), [parrot]);
  });
  afterAll(async () => {
    await content?.close();
  });

  const render = (text: string) => content.page.evaluate((input) => (window as unknown as HarnessWindow).natterContent.renderMarkdown(input), text);
  const sanitize = (html: string) => content.page.evaluate((input) => (window as unknown as HarnessWindow).natterContent.sanitizeMarkdownHtml(input), html);

  it("draws :name: of a custom emoji as its image, and leaves other :words: and code as text", async () => {
    expect(await render("so :party_parrot:!")).toBe(
      '<p>so <img class="custom-emoji" src="/api/emoji/party_parrot?v=1" alt=":party_parrot:" title=":party_parrot:">!</p>\n',
    );
    expect(await render(":nope: and `:party_parrot:`")).toBe("<p>:nope: and <code>:party_parrot:</code></p>\n");
  });

  it("keeps no image but our own custom emoji's, whatever reaches the sanitiser", async () => {
    expect(
      await sanitize('<p><img src="https://tracker.example/p.gif" alt="x"><img src="/api/emoji/party_parrot?v=1" alt=":party_parrot:" onerror="alert(1)"></p>'),
    ).toBe('<p><img src="/api/emoji/party_parrot?v=1" alt=":party_parrot:"></p>');
    expect(await sanitize('<img src="/api/files/abc/secret.png">')).toBe("");
  });
});
