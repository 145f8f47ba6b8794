import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumSkipReason, openContentPage, type ContentPage } from "./support/chromium";
import { readMarkdownFixtures } from "./support/fixtures";
import type { HarnessWindow } from "./support/harness";

const fixtures = readMarkdownFixtures();
const names = new Set(fixtures.map((fixture) => fixture.name));

describe.skipIf(chromiumSkipReason)("markdown in messages (real Chromium)", () => {
  let content: ContentPage;
  beforeAll(async () => {
    content = await openContentPage();
  });
  afterAll(async () => {
    await content?.close();
  });

  const render = (text: string) => content.page.evaluate((input) => (window as unknown as HarnessWindow).natterContent.renderMarkdown(input), text);

  it("has one uniquely named case per fixture", () => {
    expect(names.size).toBe(fixtures.length);
  });

  it.each(fixtures)("$name", async ({ input, html }) => {
    expect(await render(input)).toBe(html);
  });

  /** Renders a message into a new container with this id; its code blocks colour themselves asynchronously. */
  const renderMessage = (id: string, text: string) =>
    content.page.evaluate(
      ({ id, text }) => {
        const container = document.createElement("div");
        container.id = id;
        document.body.append(container);
        (window as unknown as HarnessWindow).natterContent.renderMessage(container, text);
      },
      { id, text },
    );
  const codeBlocks = (id: string) =>
    content.page.evaluate(
      (id) =>
        [...document.querySelectorAll(`#${id} pre code`)].map((block) => ({
          lang: block.getAttribute("data-lang"),
          highlighted: block.getAttribute("data-highlighted"),
          html: block.innerHTML,
          text: block.textContent,
          keywords: [...block.querySelectorAll(".hljs-keyword")].map((node) => node.textContent),
          bold: block.querySelectorAll("b").length,
        })),
      id,
    );

  it("colours a fenced code block once highlight.js has loaded, keeping the code's text", async () => {
    const code = "const total: number = items.length > 0 ? 1 : 0; // <b>not bold</b>";
    await renderMessage("known-language", "```ts\n" + code + "\n```");
    await expect.poll(async () => (await codeBlocks("known-language"))[0]?.highlighted, { timeout: 10_000 }).toBe("yes");
    const [block] = await codeBlocks("known-language");
    expect(block).toMatchObject({ highlighted: "yes", text: `${code}\n`, keywords: ["const"], bold: 0 });
  });

  it("leaves a code block in a language it does not know as plain text", async () => {
    // The TypeScript block after it is the sentinel: a message's blocks are coloured in order, so once it is,
    // the Klingon one has had its turn.
    await renderMessage("unknown-language", "```klingon\nQapla'\n```\n\n```ts\nconst sentinel = 1;\n```");
    await expect.poll(async () => (await codeBlocks("unknown-language"))[1]?.highlighted, { timeout: 10_000 }).toBe("yes");
    const [block] = await codeBlocks("unknown-language");
    expect(block).toMatchObject({ lang: "klingon", html: "Qapla'\n", highlighted: null });
  });

  const messageText = (id: string) => content.page.evaluate((id) => document.querySelector(`#${id} .message-text`)?.innerHTML, id);

  it("draws a whole :shortcode: as its emoji once the index loads, but not inside code or glued to a word", async () => {
    await renderMessage("shortcodes", "ship it :tada: :+1: `:tada:` 12:30:45 no:tada: :not_an_emoji:");
    await expect.poll(() => messageText("shortcodes"), { timeout: 10_000 }).toContain("🎉");
    expect(await messageText("shortcodes")).toBe("<p>ship it 🎉 👍\uFE0F <code>:tada:</code> 12:30:45 no:tada: :not_an_emoji:</p>\n");
  });

  it("gives each code block a copy button beside the code, not inside it", async () => {
    await renderMessage("copy-buttons", "```\none\n```\n\ntext\n\n```ts\nconst two = 2;\n```");
    const blocks = await content.page.evaluate(() =>
      [...document.querySelectorAll("#copy-buttons .code-block")].map((block) => ({
        button: block.querySelector(":scope > button[type=button]")?.textContent,
        code: block.querySelector("pre")?.textContent,
      })),
    );
    expect(blocks).toEqual([
      { button: "Copy", code: "one\n" },
      { button: "Copy", code: "const two = 2;\n" },
    ]);
  });

  it("reports no script errors in the page", () => {
    expect(content.pageErrors).toEqual([]);
  });
});
