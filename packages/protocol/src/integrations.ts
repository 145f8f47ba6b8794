import { z } from "zod";
import { cardColorSchema, cardTextSchema, isWebLink } from "./card.js";
import { userRefSchema } from "./entities.js";
import { displayNameSchema, isStorableText, nameSchema } from "./text.js";

/**
 * Integrations: incoming webhooks (Slack's payload), bot accounts and personal access tokens, outgoing webhooks
 * and slash commands. The payloads named `slack…` are Slack's wire format, snake_case as Slack sends them.
 */

const timestampSchema = z.string().describe("ISO 8601 time");
const idSchema = z.number().int().positive();
const label = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(isStorableText, "Text contains invalid characters")
    .refine((s) => !/[\p{Cc}]/u.test(s), "Text must not contain control characters");
const slackText = (max: number) => z.string().max(max).refine(isStorableText, "Text contains NUL or unpaired surrogate characters");

// ---- Incoming webhooks: Slack's payload ----

const slackFieldSchema = z.object({ title: slackText(300).default(""), value: slackText(3_000).default(""), short: z.boolean().default(false) });
/** A colour Slack accepts but Natter cannot draw safely is dropped, as Slack ignores what it cannot parse. */
const lenientColor = cardColorSchema.optional().catch(undefined);
/** A link that is not http(s) is dropped: the title stays, unlinked. */
const lenientLink = z
  .string()
  .optional()
  .transform((url) => (url !== undefined && url.length <= 2_000 && isWebLink(url) ? url : undefined));

export const slackAttachmentSchema = z.object({
  fallback: slackText(3_000).optional(),
  color: lenientColor,
  pretext: slackText(3_000).optional(),
  title: slackText(300).optional(),
  title_link: lenientLink,
  text: slackText(3_000).optional(),
  fields: z.array(slackFieldSchema).max(20).default([]),
  footer: slackText(300).optional(),
});
export type SlackAttachment = z.output<typeof slackAttachmentSchema>;

/** Blocks Natter draws; other block types (images, buttons…) are left out rather than refused, as clients do. */
const knownBlockSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("section"), text: cardTextSchema.optional(), fields: z.array(cardTextSchema).max(10).default([]) }),
  z.object({ type: z.literal("header"), text: cardTextSchema }),
  z.object({ type: z.literal("context"), elements: z.array(z.unknown()).max(10) }),
  z.object({ type: z.literal("divider") }),
]);
const slackBlockSchema = z.union([
  knownBlockSchema,
  z.object({ type: z.string().refine((type) => !["section", "header", "context", "divider"].includes(type)) }).transform(() => null),
]);

export const SLACK_BLOCKS_MAX = 50;
export const slackPayloadSchema = z.object({
  text: slackText(40_000).optional(),
  username: slackText(80).optional(),
  icon_emoji: slackText(64).optional(),
  attachments: z.array(slackAttachmentSchema).max(20).default([]),
  blocks: z.array(slackBlockSchema).max(SLACK_BLOCKS_MAX).default([]),
});
export type SlackPayload = z.output<typeof slackPayloadSchema>;

export const incomingHookSchema = z.object({
  id: idSchema,
  room: z.string(),
  name: z.string(),
  emoji: z.string(),
  createdBy: userRefSchema,
  createdAt: timestampSchema,
  lastUsedAt: timestampSchema.nullable(),
});
export type IncomingHook = z.infer<typeof incomingHookSchema>;
export const createIncomingHookBodySchema = z.object({ name: label(80), emoji: label(64).default("🪝") });
export const incomingHookParamsSchema = z.object({ name: nameSchema, id: z.coerce.number().int().positive() });
export const incomingHooksResponseSchema = z.object({ hooks: z.array(incomingHookSchema) });
/** The secret URL is shown once, at creation and at each rotation; only its hash is kept. */
export const incomingHookCreatedSchema = z.object({ hook: incomingHookSchema, url: z.string() });
export const hookPostParamsSchema = z.object({ id: z.coerce.number().int().positive(), secret: z.string().min(1).max(128) });

// ---- Bots and personal access tokens ----

export const tokenScopes = ["read", "write", "admin"] as const;
export const tokenScopeSchema = z.enum(tokenScopes);
export type TokenScope = z.infer<typeof tokenScopeSchema>;

export const apiTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  user: userRefSchema.describe("Whose token it is: the caller, or a bot"),
  bot: z.boolean(),
  scopes: z.array(tokenScopeSchema),
  createdAt: timestampSchema,
  lastUsedAt: timestampSchema.nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;
export const createTokenBodySchema = z.object({
  name: label(80),
  scopes: z.array(tokenScopeSchema).min(1).max(3),
  bot: nameSchema.optional().describe("A bot's username: an admin makes the token for that bot; else it is the caller's own"),
});
export const tokenParamsSchema = z.object({ id: z.coerce.number().int().positive() });
export const tokensResponseSchema = z.object({ tokens: z.array(apiTokenSchema) });
/** The token itself is in this answer only. */
export const tokenCreatedSchema = z.object({ token: z.string(), info: apiTokenSchema });

export const botSchema = z.object({ user: userRefSchema, displayName: z.string(), createdAt: timestampSchema });
export const createBotBodySchema = z.object({ username: nameSchema, displayName: displayNameSchema.default("") });
export const botsResponseSchema = z.object({ bots: z.array(botSchema) });
export const botResponseSchema = z.object({ bot: botSchema });

// ---- Outgoing webhooks ----

const hookUrlSchema = z.string().max(2_000).refine(isWebLink, "The URL must be http or https");
const triggerWordSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((s) => !/\s/u.test(s) && isStorableText(s), "A trigger word is one word");

export const outgoingHookSchema = z.object({
  id: idSchema,
  room: z.string().nullable().describe("Every message of this room, or"),
  bot: userRefSchema.nullable().describe("every message that mentions this bot, in any room it is in"),
  url: z.string(),
  triggerWords: z.array(z.string()).describe("When set, only messages whose first word is one of them"),
  createdBy: userRefSchema,
  createdAt: timestampSchema,
});
export type OutgoingHook = z.infer<typeof outgoingHookSchema>;
export const createOutgoingHookBodySchema = z
  .object({ room: nameSchema.optional(), bot: nameSchema.optional(), url: hookUrlSchema, triggerWords: z.array(triggerWordSchema).max(10).default([]) })
  .refine((body) => (body.room === undefined) !== (body.bot === undefined), "Give either a room or a bot");
/** The signing secret is shown once; the receiver checks X-Natter-Signature with it. */
export const outgoingHookCreatedSchema = z.object({ hook: outgoingHookSchema, secret: z.string() });
export const outgoingHooksResponseSchema = z.object({ hooks: z.array(outgoingHookSchema) });
export const deliveryStatuses = ["pending", "delivered", "failed"] as const;
export const deliverySchema = z.object({
  id: idSchema,
  messageId: idSchema.nullable().describe("The message delivered; null once it was deleted"),
  status: z.enum(deliveryStatuses),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable().describe("The receiver's last HTTP status; null when it could not be reached"),
  error: z.string().nullable(),
  createdAt: timestampSchema,
  nextAttemptAt: timestampSchema.nullable(),
});
export type Delivery = z.infer<typeof deliverySchema>;
export const deliveriesResponseSchema = z.object({ deliveries: z.array(deliverySchema) });

/** What a receiver may answer to post in the message's thread. */
export const outgoingReplySchema = z.object({ text: slackText(40_000) });

// ---- Slash commands ----

export const commandNameSchema = z
  .string()
  .regex(/^\/[a-z0-9][a-z0-9_-]{0,31}$/, "A command is / then up to 32 of a–z, 0–9, '_', '-'")
  .describe("With its slash: /deploy");
export const commandSchema = z.object({
  id: idSchema.nullable().describe("Null for a built-in command"),
  command: z.string(),
  description: z.string(),
  usage: z.string(),
  builtIn: z.boolean(),
  url: z.string().nullable().describe("Custom commands, to admins only"),
});
export type Command = z.infer<typeof commandSchema>;
export const commandsResponseSchema = z.object({ commands: z.array(commandSchema) });
export const createCommandBodySchema = z.object({
  command: commandNameSchema,
  url: hookUrlSchema,
  description: label(200),
  usage: z.string().trim().max(100).default(""),
});
export const commandCreatedSchema = z.object({ command: commandSchema, secret: z.string() });
export const commandParamsSchema = z.object({ id: z.coerce.number().int().positive() });
export const runCommandBodySchema = z.object({
  command: z.string().min(2).max(33).describe("With its slash"),
  text: z.string().max(4_000).refine(isStorableText, "Text contains invalid characters").default(""),
  replyTo: idSchema.optional().describe("Run in this thread: a posted answer goes there"),
});
export const responseTypes = ["ephemeral", "in_channel"] as const;
export const commandResultSchema = z.object({
  responseType: z.enum([...responseTypes, "none"]).describe("ephemeral: shown to the caller only; in_channel: posted; none: nothing to show"),
  text: z.string(),
});
export type CommandResult = z.infer<typeof commandResultSchema>;
/** What a command's URL (or its response_url, within 30 minutes) may answer, in Slack's format. */
export const slackCommandAnswerSchema = z.object({
  response_type: z.enum(responseTypes).default("ephemeral"),
  text: slackText(40_000).default(""),
  attachments: z.array(slackAttachmentSchema).max(20).default([]),
  blocks: z.array(slackBlockSchema).max(SLACK_BLOCKS_MAX).default([]),
});
export type SlackCommandAnswer = z.output<typeof slackCommandAnswerSchema>;
export const commandResponseParamsSchema = z.object({ id: z.coerce.number().int().positive(), secret: z.string().min(1).max(128) });
