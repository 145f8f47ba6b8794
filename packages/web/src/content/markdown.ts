import markdownIt, { type MarkdownIt } from "markdown-it";
import { mentionsPlugin } from "./mentions";
import { sanitizeMarkdownHtml } from "./sanitize";
import { shortcodesPlugin, type ShortcodeEnv } from "./shortcodePlugin";
import type { ShortcodeLookup } from "./shortcodes";
import { tablesPlugin } from "./tables";
import { wwwLinksPlugin } from "./wwwLinks";
import { customEmojiPlugin } from "./customEmojiPlugin";

const SAFE_LINK = /^(?:https?:|mailto:)/i;
const CODE_LANGUAGE = /^[a-z0-9_+#-]{1,32}$/;

const markdown = createMarkdown();

/**
 * Chat markdown to sanitised HTML: no raw HTML; links only to http(s)/mailto, opened in a new tab. With `shortcodes`,
 * `:tada:` in the text is drawn as its emoji.
 */
export function renderMarkdown(text: string, shortcodes?: ShortcodeLookup): string {
  return sanitizeMarkdownHtml(markdown.render(text, { shortcodes } satisfies ShortcodeEnv));
}

function createMarkdown(): MarkdownIt {
  const md = markdownIt({ html: false, linkify: true, breaks: true, typographer: false });
  // Chat needs inline formatting, code, quotes, lists and tables; headings, rules and remote images do not belong in
  // a message (and images would leak readers' addresses to whoever hosts them).
  md.disable(["heading", "lheading", "hr", "code", "image"]);
  md.validateLink = (url) => SAFE_LINK.test(url.trim());
  md.use(mentionsPlugin);
  md.use(wwwLinksPlugin);
  md.use(customEmojiPlugin);
  md.use(shortcodesPlugin);
  md.use(tablesPlugin);
  md.renderer.rules.fence = (tokens, index) => {
    const token = tokens[index];
    if (!token) return "";
    const language = codeLanguage(token.info);
    const languageAttribute = language ? ` data-lang="${language}"` : "";
    // The box holds the copy button (added by MessageText) still while the code scrolls sideways under it.
    return `<div class="code-block"><pre><code${languageAttribute}>${md.utils.escapeHtml(token.content)}</code></pre></div>\n`;
  };
  return md;
}

/** The fence's first word, if it looks like a language name; highlighting happens later, in the page. */
function codeLanguage(info: string): string | undefined {
  const word = info.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? "";
  return CODE_LANGUAGE.test(word) ? word : undefined;
}
