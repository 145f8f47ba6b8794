import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { CopyCodeButtons } from "./CopyCodeButtons";
import { useCustomEmoji } from "./customEmoji";
import { highlightCodeBlocks } from "./highlight";
import { renderMarkdown } from "./markdown";
import { hasFullShortcode, loadedShortcodes, loadShortcodes } from "./shortcodes";

const MAX_QUERY_TERMS = 16;

/**
 * A message's text as formatted markdown; code blocks are coloured once highlight.js has loaded, and `:shortcodes:`
 * become emoji once the emoji index has.
 */
export function MessageText({ text }: { text: string }) {
  const shortcodes = useShortcodesFor(text);
  // Drawn again when the server's custom emoji change, so a `:name:` added or deleted shows at once.
  const customEmoji = useCustomEmoji();
  const html = useMemo(() => renderMarkdown(text, shortcodes), [text, shortcodes, customEmoji]);
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Highlighting is decoration: if its chunk fails to load, the code stays readable as plain text.
    if (container.current) highlightCodeBlocks(container.current).catch(() => undefined);
  }, [html]);
  // Safe: markdown-it escapes all raw HTML (html: false), and DOMPurify then keeps only the tags and attributes
  // markdown produces, with http(s)/mailto links only. This is the only place the web app injects HTML.
  return (
    <>
      <div ref={container} className="message-text" dangerouslySetInnerHTML={{ __html: html }} />
      <CopyCodeButtons container={container} html={html} />
    </>
  );
}

/** The shortcode lookup, loaded the first time a message needs it; messages without one never load it. */
function useShortcodesFor(text: string) {
  const [shortcodes, setShortcodes] = useState(loadedShortcodes);
  const needed = shortcodes === undefined && hasFullShortcode(text);
  useEffect(() => {
    if (!needed) return;
    let live = true;
    // Emoji are decoration: if the index cannot load, the shortcode stays readable as typed.
    loadShortcodes().then(
      (lookup) => live && setShortcodes(() => lookup),
      () => undefined,
    );
    return () => void (live = false);
  }, [needed]);
  return shortcodes;
}

/** `text` as React text nodes with every hit of the query's words wrapped in `<mark>`; never parses HTML. */
export function highlightText(text: string, query: string): ReactNode[] {
  const pattern = searchPattern(query);
  if (!pattern) return [text];
  return text
    .split(pattern)
    .map((part, index) => (index % 2 === 1 ? <mark key={index}>{part}</mark> : part))
    .filter((part) => part !== "");
}

function searchPattern(query: string): RegExp | undefined {
  const terms = [...new Set(query.trim().split(/\s+/u).filter(Boolean))].slice(0, MAX_QUERY_TERMS);
  if (terms.length === 0) return undefined;
  // Longest first, so "数据库" wins over "数据" where both match.
  const alternatives = terms.sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(`(${alternatives.join("|")})`, "giu");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
