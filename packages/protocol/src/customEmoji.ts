import { z } from "zod";
import { emojiSchema } from "./text.js";

/**
 * A server's own emoji, uploaded by an admin: written `:name:` in a message or as a reaction, with the shortcode
 * grammar of the built-in ones (what `:` completion reads: lower-case letters, digits, `_`, `+`, `-`).
 */
export const CUSTOM_EMOJI_NAME = /^[a-z0-9_+-]{2,32}$/;
/** Uploaded files are at most this large; PNG, GIF (animated too) or WebP, stored resized. */
export const CUSTOM_EMOJI_MAX_BYTES = 256 * 1024;
/** Stored images fit this square, as Slack's and Mattermost's do. */
export const CUSTOM_EMOJI_SIZE = 128;

export const customEmojiNameSchema = z
  .string()
  .regex(CUSTOM_EMOJI_NAME, "2 to 32 lower-case letters, digits, _, + or -")
  .describe("Written :name: in messages and reactions");

/** A custom emoji as a reaction or in text: its name between colons. */
export const customEmojiCodeSchema = z.string().regex(/^:[a-z0-9_+-]{2,32}:$/, "Not a custom emoji");
/** What a reaction may be: an emoji character, or a custom emoji by `:name:`. */
export const reactionEmojiSchema = z.union([emojiSchema, customEmojiCodeSchema]);

export const customEmojiSchema = z.object({
  name: customEmojiNameSchema,
  url: z.string().describe("The image (WebP), for anyone signed in; changes when the name is given a new image"),
  createdBy: z.string().nullable().describe("The admin who added it; null once their account is gone"),
  createdAt: z.string().describe("ISO 8601 time"),
});
export type CustomEmoji = z.infer<typeof customEmojiSchema>;

export const customEmojiListSchema = z.object({ emoji: z.array(customEmojiSchema) });
export type CustomEmojiList = z.infer<typeof customEmojiListSchema>;
export const customEmojiParamsSchema = z.object({ name: customEmojiNameSchema });
export const customEmojiUploadQuerySchema = z.object({ name: customEmojiNameSchema });
export const customEmojiImageQuerySchema = z.object({ v: z.coerce.number().int().min(0).optional() });
