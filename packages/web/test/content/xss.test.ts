import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AllowList } from "./support/activeContent";
import { chromiumSkipReason, openContentPage, type ContentPage } from "./support/chromium";
import type { HarnessWindow } from "./support/harness";

type Surface = "message" | "search hit" | "sanitiser alone";

const vectorFile: { vectors: Record<string, string[]> } = JSON.parse(readFileSync(new URL("./xss-vectors.json", import.meta.url), "utf8"));
const vectors = Object.values(vectorFile.vectors).flat();

const MARKDOWN_OUTPUT: AllowList = {
  // The button is each code block's copy button, drawn by React beside the sanitised HTML.
  tags: [
    "div",
    "p",
    "br",
    "strong",
    "em",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "span",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "button",
  ],
  attributes: ["href", "title", "target", "rel", "start", "class", "data-lang", "data-mention", "data-highlighted", "type", "aria-live"],
};
const SEARCH_HIT: AllowList = { tags: ["p", "mark"], attributes: [] };
const SEARCH_QUERY = "script alert img onerror javascript < \" '";
// Long enough for failed image loads, autofocus and CSS animations to fire their handlers.
const SETTLE_MS = 750;

interface Outcome {
  problems: string[];
  trapped: string[];
}

describe.skipIf(chromiumSkipReason)("hostile text shown in Natter (real Chromium, trap on window)", () => {
  let content: ContentPage;
  beforeAll(async () => {
    content = await openContentPage();
  });
  afterAll(async () => {
    await content?.close();
  });

  async function show(surface: Surface, texts: string[]): Promise<Outcome> {
    const allowList = surface === "search hit" ? SEARCH_HIT : MARKDOWN_OUTPUT;
    return content.page.evaluate(
      async ({ surface, texts, allowList, query, settleMs }) => {
        const harness = (window as unknown as HarnessWindow).natterContent;
        // Taken before any vector renders: a clobbering vector (<img name=createElement>) must fail the test with
        // a report, not break the harness.
        const newDiv = () => Document.prototype.createElement.call(document, "div");
        const host = newDiv();
        document.body.append(host);
        const problems: string[] = [];
        const containers = texts.map((text, index) => {
          const container = newDiv();
          host.append(container);
          try {
            if (surface === "message") harness.renderMessage(container, text);
            else if (surface === "search hit") harness.renderSearchHit(container, text, query);
            else container.innerHTML = harness.sanitizeMarkdownHtml(text);
          } catch (error) {
            problems.push(`#${index} threw ${String(error)}`);
          }
          return container;
        });
        await harness.loadHighlighter();
        await new Promise((resolve) => setTimeout(resolve, settleMs));
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        containers.forEach((container, index) => {
          for (const problem of harness.findActiveContent(container, allowList)) {
            problems.push(`#${index} ${JSON.stringify(texts[index])}: ${problem}`);
          }
        });
        host.remove();
        return { problems, trapped: harness.takeTrapped() };
      },
      { surface, texts, allowList, query: SEARCH_QUERY, settleMs: SETTLE_MS },
    );
  }

  it("has at least 300 distinct vectors", () => {
    expect(new Set(vectors).size).toBeGreaterThanOrEqual(300);
  });

  it("would notice a vector that runs or leaves a script URL (control: raw HTML, no Natter defences)", async () => {
    const outcome = await content.page.evaluate(async (settleMs) => {
      const harness = (window as unknown as HarnessWindow).natterContent;
      const container = document.createElement("div");
      document.body.append(container);
      container.innerHTML = `<img src=x onerror=pwned()><a href="javascript:alert(1)">x</a>`;
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      const allowed = { tags: ["img", "a"], attributes: ["src", "href", "onerror"] };
      const problems = harness.findActiveContent(container, allowed);
      container.remove();
      return { problems, trapped: harness.takeTrapped() };
    }, SETTLE_MS);
    expect(outcome.trapped).toEqual(["pwned()"]);
    expect(outcome.problems).toEqual(
      expect.arrayContaining(["<img onerror> event handler", `<a href="javascript:alert(1)"> script URL`, `a link to "javascript:alert(1)"`]),
    );
  });

  it.each<Surface>(["message", "search hit", "sanitiser alone"])("no vector runs script or leaves active markup when shown as a %s", async (surface) => {
    const outcome = await show(surface, vectors);
    expect(outcome).toEqual({ problems: [], trapped: [] });
  });

  it("still shows a vector's text to the reader, escaped rather than dropped", async () => {
    const text = await content.page.evaluate(() => {
      const harness = (window as unknown as HarnessWindow).natterContent;
      const container = document.createElement("div");
      harness.renderMessage(container, "<img src=x onerror=pwned()> is how it starts");
      return container.textContent?.trim();
    });
    expect(text).toBe("<img src=x onerror=pwned()> is how it starts");
  });

  it("reports no script errors in the page", () => {
    expect(content.pageErrors).toEqual([]);
  });
});
