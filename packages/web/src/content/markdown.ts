import markdownIt, { type MarkdownIt } from "markdown-it";
import { mentionsPlugin } from "./mentions";
import { sanitizeMarkdownHtml } from "./sanitize";
import { wwwLinksPlugin } from "./wwwLinks";
import { customEmojiPlugin } from "./customEmojiPlugin";

const SAFE_LINK = /^(?:https?:|mailto:)/i;
const CODE_LANGUAGE = /^[a-z0-9_+#-]{1,32}$/;

const markdown = createMarkdown();

/** Chat markdown to sanitised HTML: no raw HTML; links only to http(s)/mailto, opened in a new tab. */
export function renderMarkdown(text: string): string {
  return sanitizeMarkdownHtml(markdown.render(text));
}

function createMarkdown(): MarkdownIt {
  const md = markdownIt({ html: false, linkify: true, breaks: true, typographer: false });
  // Chat needs inline formatting, code, quotes and lists; headings, rules, tables and remote images do not belong in
  // a message (and images would leak readers' addresses to whoever hosts them).
  md.disable(["heading", "lheading", "hr", "table", "code", "image"]);
  md.validateLink = (url) => SAFE_LINK.test(url.trim());
  md.use(mentionsPlugin);
  md.use(wwwLinksPlugin);
  md.use(customEmojiPlugin);
  md.renderer.rules.fence = (tokens, index) => {
    const token = tokens[index];
    if (!token) return "";
    const language = codeLanguage(token.info);
    const languageAttribute = language ? ` data-lang="${language}"` : "";
    return `<pre><code${languageAttribute}>${md.utils.escapeHtml(token.content)}</code></pre>\n`;
  };
  return md;
}

/** The fence's first word, if it looks like a language name; highlighting happens later, in the page. */
function codeLanguage(info: string): string | undefined {
  const word = info.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? "";
  return CODE_LANGUAGE.test(word) ? word : undefined;
}
