import createDOMPurify, { type Config, type DOMPurify } from "dompurify";

// Exactly what our markdown renderer emits; anything else in its output is a bug or an attack.
const MARKDOWN_ALLOW_LIST: Config = {
  ALLOWED_TAGS: [
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
    "div",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
  ],
  ALLOWED_ATTR: ["href", "title", "target", "rel", "start", "class", "data-lang", "data-mention", "src", "alt"],
  // These hold plain words, not URLs; without this DOMPurify would test them against the URL pattern below.
  ADD_URI_SAFE_ATTR: ["target", "rel", "start", "data-lang", "data-mention"],
  // The one relative address: a custom emoji's image, drawn by customEmojiPlugin.ts.
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|\/api\/emoji\/)/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  RETURN_TRUSTED_TYPE: false,
};

const CUSTOM_EMOJI_SRC = /^\/api\/emoji\/[a-z0-9_+-]{2,32}\?v=\d+$/;

const HIGHLIGHT_ALLOW_LIST: Config = {
  ALLOWED_TAGS: ["span"],
  ALLOWED_ATTR: ["class"],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  RETURN_TRUSTED_TYPE: false,
};

/** Keeps only the tags and attributes markdown produces, and links to http(s) and mailto only. */
export function sanitizeMarkdownHtml(html: string): string {
  return purify(html, MARKDOWN_ALLOW_LIST);
}

/** Keeps only highlight.js's `<span class>` markup inside a code block. */
export function sanitizeHighlightedCode(html: string): string {
  return purify(html, HIGHLIGHT_ALLOW_LIST);
}

let purifier: DOMPurify | undefined;

function purify(html: string, config: Config): string {
  purifier ??= createPurifier();
  return purifier.sanitize(html, config);
}

/** Our own DOMPurify instance, so its hook cannot change how other code in the page sanitises. */
function createPurifier(): DOMPurify {
  const instance = createDOMPurify(globalThis.window);
  // Without a DOM, DOMPurify cannot sanitise; refusing beats returning the input unchecked.
  if (!instance.isSupported) throw new Error("DOMPurify needs a DOM to sanitise HTML");
  instance.addHook("afterSanitizeAttributes", (node) => {
    // Images only of our own custom emoji: a remote one would tell its host who reads the message.
    if (node.nodeName === "IMG" && !CUSTOM_EMOJI_SRC.test(node.getAttribute("src") ?? "")) return void node.remove();
    // Every surviving link opens in a new tab that can neither reach back into Natter nor learn where it came from.
    if (node.nodeName !== "A" || !node.hasAttribute("href")) return;
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer");
  });
  return instance;
}
