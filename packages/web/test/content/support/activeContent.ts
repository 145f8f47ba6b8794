export interface AllowList {
  tags: string[];
  attributes: string[];
}

const HTML_NAMESPACE = "http://www.w3.org/1999/xhtml";
const SCRIPT_URL = /^[\s\p{Cc}]*(?:javascript|vbscript|data|livescript):/iu;
const SAFE_LINK = /^(?:https?:|mailto:)/i;

/**
 * Runs in the page. Everything under `root` that could run script or was never meant to be there: `<script>`,
 * `on*` handlers, script URLs, links that are not http(s)/mailto or that keep the opener (an `<a>` without href is
 * inert text), and any element or attribute outside the allow-list.
 */
export function findActiveContent(root: Element, allowed: AllowList): string[] {
  const problems: string[] = [];
  for (const element of root.querySelectorAll("*")) {
    const tag = element.localName;
    if (tag === "script") problems.push("a <script> element");
    if (element.namespaceURI !== HTML_NAMESPACE) problems.push(`<${tag}> in namespace ${element.namespaceURI}`);
    if (!allowed.tags.includes(tag)) problems.push(`an unexpected <${tag}>`);
    for (const { name, value } of element.attributes) {
      if (name.startsWith("on")) problems.push(`<${tag} ${name}> event handler`);
      if (SCRIPT_URL.test(value)) problems.push(`<${tag} ${name}="${value}"> script URL`);
      if (!allowed.attributes.includes(name)) problems.push(`an unexpected attribute <${tag} ${name}>`);
    }
    if (tag === "a" && element.hasAttribute("href")) problems.push(...linkProblems(element));
  }
  return problems;
}

function linkProblems(link: Element): string[] {
  const href = link.getAttribute("href") ?? "";
  const problems: string[] = [];
  if (!SAFE_LINK.test(href)) problems.push(`a link to "${href}"`);
  if (link.getAttribute("target") !== "_blank") problems.push(`a link to "${href}" that opens in this tab`);
  if (!/\bnoopener\b/.test(link.getAttribute("rel") ?? "")) problems.push(`a link to "${href}" that keeps the opener`);
  return problems;
}
