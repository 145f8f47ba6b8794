import type { MarkdownIt, Token } from "markdown-it";

const ALIGNMENT = /^text-align:(left|center|right)$/;

/**
 * A markdown-it plugin for GFM tables as chat shows them: each table scrolls sideways in its own box rather than
 * widening the message, and a column's alignment becomes a class, since the sanitiser lets no `style` through.
 */
export function tablesPlugin(md: MarkdownIt): void {
  md.renderer.rules.table_open = (tokens, index, options, _env, self) => `<div class="table-scroll">${self.renderToken(tokens, index, options)}`;
  md.renderer.rules.table_close = (tokens, index, options, _env, self) => `${self.renderToken(tokens, index, options)}</div>\n`;
  for (const cell of ["th_open", "td_open"]) {
    md.renderer.rules[cell] = (tokens, index, options, _env, self) => {
      const token = tokens[index];
      if (token) alignmentToClass(token);
      return self.renderToken(tokens, index, options);
    };
  }
}

function alignmentToClass(token: Token): void {
  const align = ALIGNMENT.exec(String(token.attrGet("style") ?? ""))?.[1];
  if (!align) return;
  token.attrs = (token.attrs ?? []).filter(([name]) => name !== "style");
  token.attrJoin("class", `align-${align}`);
}
