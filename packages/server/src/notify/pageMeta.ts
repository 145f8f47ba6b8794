import { PREVIEW_DESCRIPTION_MAX, PREVIEW_SITE_MAX, PREVIEW_TITLE_MAX, type LinkPreview } from "@natter/protocol";
import { Parser } from "htmlparser2";

/**
 * A page's preview from its OpenGraph tags (og:title, og:description, og:site_name), else its <title> and
 * meta description; null when it has no title at all. Read with htmlparser2, which decodes entities and
 * forgives broken markup as browsers do; only what comes before <body> is read, as no preview tag belongs after it.
 */
export function pagePreview(url: string, html: string): LinkPreview | null {
  const meta = new Map<string, string>();
  let title = "";
  let inTitle = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "title") inTitle = true;
        if (name !== "meta") return;
        const key = (attributes.property ?? attributes.name ?? "").toLowerCase();
        if (key && attributes.content !== undefined && !meta.has(key)) meta.set(key, attributes.content);
      },
      ontext(text) {
        if (inTitle) title += text;
      },
      onclosetag(name) {
        if (name === "title") inTitle = false;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html.slice(0, bodyStart(html)));
  parser.end();
  const found = clean(meta.get("og:title") ?? "") || clean(title);
  if (!found) return null;
  return {
    url,
    title: cut(found, PREVIEW_TITLE_MAX),
    description: cut(clean(meta.get("og:description") ?? meta.get("description") ?? ""), PREVIEW_DESCRIPTION_MAX),
    siteName: cut(clean(meta.get("og:site_name") ?? "") || new URL(url).host, PREVIEW_SITE_MAX),
  };
}

function bodyStart(html: string): number {
  const at = html.search(/<body[\s>]/i);
  return at === -1 ? html.length : at;
}

/** Whitespace runs as one space, and no control characters: a page's text is shown as plain text. */
function clean(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/\p{Cc}/gu, "")
    .trim();
}

/** Cut to the protocol's limits, which count UTF-16 units, never between the two halves of a character. */
function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/[\ud800-\udbff]$/, "")}…`;
}
