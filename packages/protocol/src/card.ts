import { z } from "zod";
import { isStorableText } from "./text.js";

/**
 * What an integration posts beside a message's text: the Slack-format parts a webhook or a command answer sent
 * (attachments and blocks), and the name and emoji it posts under. Kept in camelCase and capped, so a card is
 * drawn from exactly these fields and nothing else a sender added.
 */

/** A card's stored JSON is at most this many bytes (Slack's own message limit is about 16 KB of blocks too). */
export const CARD_MAX_BYTES = 16_384;
const FIELD_MAX = 3_000;

const cardText = (max: number) => z.string().max(max).refine(isStorableText, "Text contains NUL or unpaired surrogate characters");

/** Only these are drawn as links: a `javascript:` or `data:` link would run in the reader's tab. */
export function isWebLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:";
  } catch {
    return false;
  }
}

/** `good`, `warning`, `danger` or a hex colour: nothing else reaches a style attribute. */
export const cardColorSchema = z.string().regex(/^(good|warning|danger|#?[0-9a-fA-F]{6}|#?[0-9a-fA-F]{3})$/);
export const webLinkSchema = z.string().max(2_000).refine(isWebLink, "Links must be http or https");

export const cardTextSchema = z.object({ type: z.enum(["mrkdwn", "plain_text"]), text: cardText(FIELD_MAX) });
export type CardText = z.infer<typeof cardTextSchema>;

export const cardFieldSchema = z.object({ title: cardText(300), value: cardText(FIELD_MAX), short: z.boolean() });

export const cardAttachmentSchema = z.object({
  fallback: cardText(FIELD_MAX).optional(),
  color: cardColorSchema.optional(),
  pretext: cardText(FIELD_MAX).optional(),
  title: cardText(300).optional(),
  titleLink: webLinkSchema.optional(),
  text: cardText(FIELD_MAX).optional(),
  fields: z.array(cardFieldSchema).max(20).default([]),
  footer: cardText(300).optional(),
});
export type CardAttachment = z.infer<typeof cardAttachmentSchema>;

export const cardBlockSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("section"), text: cardTextSchema.optional(), fields: z.array(cardTextSchema).max(10).default([]) }),
  z.object({ type: z.literal("header"), text: cardTextSchema }),
  z.object({ type: z.literal("context"), elements: z.array(cardTextSchema).max(10) }),
  z.object({ type: z.literal("divider") }),
]);
export type CardBlock = z.infer<typeof cardBlockSchema>;

export const cardSchema = z
  .object({
    username: cardText(80).optional().describe("The name the integration posted under, shown instead of its author's"),
    iconEmoji: cardText(64).optional(),
    via: z.enum(["webhook", "command", "bot"]).describe("What posted it: an incoming webhook, a slash command's answer, an outgoing webhook's reply"),
    attachments: z.array(cardAttachmentSchema).max(20).default([]),
    blocks: z.array(cardBlockSchema).max(50).default([]),
  })
  .refine((card) => new TextEncoder().encode(JSON.stringify(card)).length <= CARD_MAX_BYTES, `A card is at most ${CARD_MAX_BYTES} bytes`);
export type Card = z.infer<typeof cardSchema>;
