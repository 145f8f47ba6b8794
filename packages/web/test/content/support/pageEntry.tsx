import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { setCustomEmoji } from "../../../src/content/customEmoji";
import { loadHighlighter } from "../../../src/content/highlight";
import { renderMarkdown } from "../../../src/content/markdown";
import { highlightText, MessageText } from "../../../src/content/messageText";
import { sanitizeMarkdownHtml } from "../../../src/content/sanitize";
import { findActiveContent } from "./activeContent";
import type { ContentHarness, HarnessWindow } from "./harness";

const harness: ContentHarness = {
  renderMarkdown,
  setCustomEmoji,
  sanitizeMarkdownHtml,
  renderMessage(container, text) {
    const root = createRoot(container);
    flushSync(() => root.render(<MessageText text={text} />));
  },
  renderSearchHit(container, text, query) {
    const root = createRoot(container);
    flushSync(() => root.render(<p>{highlightText(text, query)}</p>));
  },
  loadHighlighter: () => loadHighlighter().then(() => undefined),
  findActiveContent,
  takeTrapped() {
    const trap = (window as unknown as HarnessWindow).__xss;
    return trap.splice(0, trap.length);
  },
};

Object.assign(window, { natterContent: harness });
