import { z } from "zod";

/** A push endpoint is a URL the browser's push service gave it; longer ones are refused. */
export const PUSH_ENDPOINT_MAX = 2048;
/** Subscriptions (browsers, devices) one user may keep. */
export const PUSH_SUBSCRIPTIONS_MAX = 20;
export const KEYWORDS_MAX = 20;
export const KEYWORD_LENGTH_MAX = 40;

/** The languages pushes and emails are written in. */
export const noticeLanguageSchema = z.enum(["en", "zh-CN"]);

export const pushKeyResponseSchema = z.object({ publicKey: z.string() });

/** A browser's PushSubscription as JSON, and the language its notifications are to be written in. */
export const pushSubscriptionBodySchema = z.object({
  endpoint: z.string().min(1).max(PUSH_ENDPOINT_MAX),
  keys: z.object({ p256dh: z.string().min(1).max(200), auth: z.string().min(1).max(100) }),
  language: noticeLanguageSchema.optional(),
});
export type PushSubscriptionBody = z.input<typeof pushSubscriptionBodySchema>;

export const pushUnsubscribeBodySchema = z.object({ endpoint: z.string().min(1).max(PUSH_ENDPOINT_MAX) });

export const keywordsSchema = z.array(z.string().trim().min(1).max(KEYWORD_LENGTH_MAX).regex(/^[^\n]+$/)).max(KEYWORDS_MAX);

export const notificationSettingsSchema = z.object({
  keywords: z.array(z.string()),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export const keywordsBodySchema = z.object({ keywords: keywordsSchema });
