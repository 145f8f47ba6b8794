import type { CustomEmoji } from "@natter/protocol";
import type { AllowList } from "./activeContent";

/** What support/pageEntry.tsx puts on `window.natterContent` for the Chromium tests to call. */
export interface ContentHarness {
  renderMarkdown(text: string): string;
  /** What the chat store does with GET /api/emoji and each custom_emoji event. */
  setCustomEmoji(list: CustomEmoji[]): void;
  sanitizeMarkdownHtml(html: string): string;
  /** Mounts `<MessageText text>` into `container` and waits for React to commit. */
  renderMessage(container: HTMLElement, text: string): void;
  /** Mounts `highlightText(text, query)` inside a `<p>` into `container`. */
  renderSearchHit(container: HTMLElement, text: string, query: string): void;
  /** Resolves once highlight.js is loaded, so code blocks' effects have had their chance to run. */
  loadHighlighter(): Promise<void>;
  findActiveContent(root: Element, allowed: AllowList): string[];
  /** The alert/confirm/prompt/print/pwned calls recorded so far; empties the record. */
  takeTrapped(): string[];
}

export interface HarnessWindow {
  natterContent: ContentHarness;
  __xss: string[];
}
