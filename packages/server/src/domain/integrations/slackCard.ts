import { cardSchema, cardTextSchema, type Card, type CardBlock, type SlackAttachment, type SlackPayload } from "@natter/protocol";
import { Refusal } from "../errors.js";

type SlackBlock = SlackPayload["blocks"][number];

/**
 * A Slack-format post as a Natter message: the text (Slack's link markup turned into Markdown, or, when a tool
 * sends only attachments or blocks, their summary) and the card the web app draws. Refused with INVALID_PAYLOAD
 * when there is nothing to show or the card is too big.
 */
export function slackMessage(
  payload: Pick<SlackPayload, "text" | "attachments" | "blocks">,
  via: Card["via"],
  poster: { username?: string | undefined; iconEmoji?: string | undefined },
): { text: string; card: Card } {
  const blocks = payload.blocks.flatMap((block) => (block ? [toBlock(block)] : []));
  const attachments = payload.attachments.map(toAttachment);
  const text = slackToMarkdown(payload.text ?? "").trim() || summary(attachments, blocks);
  if (text === "") throw new Refusal("INVALID_PAYLOAD", "The payload has no text, attachments or blocks to show");
  const parsed = cardSchema.safeParse({ via, username: poster.username, iconEmoji: poster.iconEmoji, attachments, blocks });
  if (!parsed.success) throw new Refusal("INVALID_PAYLOAD", parsed.error.issues[0]?.message ?? "The card is not valid");
  return { text, card: parsed.data };
}

/** Slack's `<url|label>`, `<url>` and `<!here>` markup and its three escapes, as Natter's Markdown. */
export function slackToMarkdown(text: string): string {
  return text
    .replace(/<(https?:\/\/[^|>\s]+)\|([^>]+)>/g, (_, url: string, label: string) => `[${label}](${url})`)
    .replace(/<(https?:\/\/[^|>\s]+)>/g, "$1")
    .replace(/<!(here|channel|everyone)(\|[^>]*)?>/g, "@room")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function toAttachment(attachment: SlackAttachment) {
  return {
    fallback: attachment.fallback,
    color: attachment.color,
    pretext: attachment.pretext,
    title: attachment.title,
    titleLink: attachment.title_link,
    text: attachment.text,
    fields: attachment.fields,
    footer: attachment.footer,
  };
}

function toBlock(block: NonNullable<SlackBlock>): CardBlock {
  if (block.type !== "context") return block;
  // Context elements may be images too; only their text is drawn.
  const elements = block.elements.flatMap((element) => {
    const text = cardTextSchema.safeParse(element);
    return text.success ? [text.data] : [];
  });
  return { type: "context", elements };
}

/** What a notification or an old client shows for a post of attachments or blocks only. */
function summary(attachments: ReturnType<typeof toAttachment>[], blocks: CardBlock[]): string {
  for (const attachment of attachments) {
    const line = attachment.fallback ?? attachment.pretext ?? attachment.title ?? attachment.text;
    if (line?.trim()) return line.trim();
  }
  for (const block of blocks) {
    if ((block.type === "header" || block.type === "section") && block.text?.text.trim()) return slackToMarkdown(block.text.text).trim();
  }
  return "";
}
