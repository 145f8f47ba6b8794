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

  const render = (text: string) =>
    content.page.evaluate((input) => (window as unknown as HarnessWindow).natterContent.renderMarkdown(input), text);

  it("has one uniquely named case per fixture", () => {
    expect(names.size).toBe(fixtures.length);
  });

  it.each(fixtures)("$name", async ({ input, html }) => {
    expect(await render(input)).toBe(html);
  });

  it("colours a fenced code block once highlight.js has loaded, keeping the code's text", async () => {
    const code = "const total: number = items.length > 0 ? 1 : 0; // <b>not bold</b>";
    const result = await content.page.evaluate(async (source) => {
      const harness = (window as unknown as HarnessWindow).natterContent;
      const container = document.createElement("div");
      document.body.append(container);
      harness.renderMessage(container, "```ts\n" + source + "\n```");
      await harness.loadHighlighter();
      const block = container.querySelector("pre code");
      const deadline = Date.now() + 10_000;
      while (!block?.hasAttribute("data-highlighted") && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return {
        highlighted: block?.getAttribute("data-highlighted"),
        text: block?.textContent,
        keywords: [...(block?.querySelectorAll(".hljs-keyword") ?? [])].map((node) => node.textContent),
        bold: block?.querySelectorAll("b").length,
      };
    }, code);
    expect(result).toEqual({ highlighted: "yes", text: `${code}\n`, keywords: ["const"], bold: 0 });
  });

  it("leaves a code block in a language it does not know as plain text", async () => {
    const result = await content.page.evaluate(async () => {
      const harness = (window as unknown as HarnessWindow).natterContent;
      const container = document.createElement("div");
      document.body.append(container);
      harness.renderMessage(container, "```klingon\nQapla'\n```");
      await harness.loadHighlighter();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const block = container.querySelector("pre code");
      return {
        lang: block?.getAttribute("data-lang"),
        html: block?.innerHTML,
        highlighted: block?.hasAttribute("data-highlighted"),
      };
    });
    expect(result).toEqual({ lang: "klingon", html: "Qapla'\n", highlighted: false });
  });

  it("reports no script errors in the page", () => {
    expect(content.pageErrors).toEqual([]);
  });
});
