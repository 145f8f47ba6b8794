import { z } from "zod";

/**
 * The parts of a Slack workspace export that Natter reads. Exports vary with Slack's age and plan, so every
 * field but the ids is optional and unknown fields are ignored; an item that fails these is skipped, alone.
 */
const id = z.string().regex(/^[A-Z0-9]{2,32}$/i, "not a Slack id");
/** "1712345678.000200": seconds and microseconds, which order a channel's messages. */
export const tsSchema = z.string().regex(/^\d{1,12}\.\d{1,6}$/, "not a Slack timestamp");

export const slackUserSchema = z.object({
  id,
  name: z.string().max(200).optional(),
  deleted: z.boolean().optional(),
  is_bot: z.boolean().optional(),
  real_name: z.string().max(500).optional(),
  profile: z
    .object({
      email: z.string().max(320).optional(),
      display_name: z.string().max(500).optional(),
      real_name: z.string().max(500).optional(),
    })
    .optional(),
});

const textValue = z.object({ value: z.string().max(5000) }).optional();

/** channels.json and groups.json (private channels); mpims.json adds nothing Natter needs. */
export const slackChannelSchema = z.object({
  id,
  name: z.string().max(200).optional(),
  created: z.number().optional(),
  creator: z.string().optional(),
  is_archived: z.boolean().optional(),
  is_general: z.boolean().optional(),
  members: z.array(z.string()).max(100_000).optional(),
  topic: textValue,
  purpose: textValue,
});

export const slackFileSchema = z.object({
  id,
  name: z.string().max(1000).optional(),
  title: z.string().max(1000).optional(),
  mimetype: z.string().max(200).optional(),
  size: z.number().nonnegative().optional(),
  /** "tombstone" (deleted) and "hidden_by_limit" files have no content. */
  mode: z.string().optional(),
});

export const slackMessageSchema = z.object({
  type: z.string().optional(),
  subtype: z.string().optional(),
  ts: tsSchema,
  user: z.string().optional(),
  bot_id: z.string().optional(),
  username: z.string().max(200).optional(),
  bot_profile: z.object({ name: z.string().max(200).optional() }).optional(),
  text: z.string().max(200_000).optional(),
  thread_ts: tsSchema.optional(),
  edited: z.object({ ts: tsSchema }).optional(),
  reactions: z
    .array(z.object({ name: z.string().max(200), users: z.array(z.string()).max(10_000) }))
    .max(1000)
    .optional(),
  files: z.array(z.unknown()).max(100).optional(),
  topic: z.string().max(5000).optional(),
  purpose: z.string().max(5000).optional(),
});

export type SlackUser = z.infer<typeof slackUserSchema>;
export type SlackChannel = z.infer<typeof slackChannelSchema>;
export type SlackMessage = z.infer<typeof slackMessageSchema>;
export type SlackFile = z.infer<typeof slackFileSchema>;

/** Milliseconds since the epoch of a Slack ts (its microseconds are kept only in the key). */
export function tsMillis(ts: string): number {
  return Math.round(Number(ts) * 1000);
}
