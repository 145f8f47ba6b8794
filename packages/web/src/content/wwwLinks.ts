import type { MarkdownIt } from "markdown-it";

const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?`;
// After "www.": a host of two or more labels, an optional port, then a path, query or fragment up to whitespace.
const AFTER_WWW = new RegExp(String.raw`^${LABEL}(?:\.${LABEL})+(?::\d{1,5})?(?:[/?#][^\s<>"'\x60]*)?`, "u");
const TRAILING_PUNCTUATION = /[.,;:!?'")\]]+$/u;

/**
 * A markdown-it plugin: "www.example.com" becomes a link, as people expect in chat. linkify's fuzzy mode is left
 * off because it would also link file names such as "readme.md" (.md is a country's domain).
 */
export function wwwLinksPlugin(md: MarkdownIt): void {
  md.linkify.add("www.", {
    validate(text, position) {
      const match = AFTER_WWW.exec(text.slice(position));
      return match ? match[0].replace(TRAILING_PUNCTUATION, "").length : 0;
    },
    normalize(match) {
      match.url = `http://${match.url}`;
    },
  });
}
