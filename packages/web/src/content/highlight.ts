import type { HLJSApi, LanguageFn } from "highlight.js";
import { sanitizeHighlightedCode } from "./sanitize";

type LanguageModule = Promise<{ default: LanguageFn }>;

// The languages people paste most in a team chat; each is its own small chunk, fetched with the core.
const LANGUAGES: Record<string, () => LanguageModule> = {
  bash: () => import("highlight.js/lib/languages/bash"),
  css: () => import("highlight.js/lib/languages/css"),
  diff: () => import("highlight.js/lib/languages/diff"),
  go: () => import("highlight.js/lib/languages/go"),
  java: () => import("highlight.js/lib/languages/java"),
  javascript: () => import("highlight.js/lib/languages/javascript"),
  json: () => import("highlight.js/lib/languages/json"),
  python: () => import("highlight.js/lib/languages/python"),
  rust: () => import("highlight.js/lib/languages/rust"),
  shell: () => import("highlight.js/lib/languages/shell"),
  sql: () => import("highlight.js/lib/languages/sql"),
  typescript: () => import("highlight.js/lib/languages/typescript"),
  xml: () => import("highlight.js/lib/languages/xml"),
  yaml: () => import("highlight.js/lib/languages/yaml"),
};

let highlighter: Promise<HLJSApi> | undefined;

/** highlight.js, loaded on first use so it never weighs on the first page. */
export function loadHighlighter(): Promise<HLJSApi> {
  highlighter ??= loadCoreWithLanguages();
  return highlighter;
}

/** Colours every `pre code[data-lang]` under `root` whose language is known; others stay plain. */
export async function highlightCodeBlocks(root: ParentNode): Promise<void> {
  const blocks = [...root.querySelectorAll<HTMLElement>("pre code[data-lang]:not([data-highlighted])")];
  if (blocks.length === 0) return;
  const hljs = await loadHighlighter();
  for (const block of blocks) {
    const language = block.dataset.lang ?? "";
    if (!hljs.getLanguage(language)) continue;
    const { value } = hljs.highlight(block.textContent ?? "", { language, ignoreIllegals: true });
    // highlight.js escapes the code itself; sanitising its markup again costs little and trusts nobody.
    block.innerHTML = sanitizeHighlightedCode(value);
    block.dataset.highlighted = "yes";
    block.classList.add("hljs");
  }
}

async function loadCoreWithLanguages(): Promise<HLJSApi> {
  const names = Object.keys(LANGUAGES);
  const [core, ...languages] = await Promise.all([
    import("highlight.js/lib/core"),
    ...names.map((name) => LANGUAGES[name]?.() ?? Promise.reject(new Error(`no loader for ${name}`))),
  ]);
  const hljs = core.default;
  names.forEach((name, index) => {
    const language = languages[index];
    if (language) hljs.registerLanguage(name, language.default);
  });
  return hljs;
}
