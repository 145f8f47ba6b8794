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

export const keywordsSchema = z
  .array(
    z
      .string()
      .trim()
      .min(1)
      .max(KEYWORD_LENGTH_MAX)
      .regex(/^[^\n]+$/),
  )
  .max(KEYWORDS_MAX);

export const notificationSettingsSchema = z.object({
  keywords: z.array(z.string()),
  /** The address emails of missed messages go to, once verified. */
  email: z.string().nullable(),
  emailVerified: z.boolean(),
  /** Whether this server sends email at all (SMTP_URL is set). */
  emailAvailable: z.boolean(),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export const keywordsBodySchema = z.object({ keywords: keywordsSchema });

/** An address to verify, or null to stop emails and forget it. */
export const emailBodySchema = z.object({ email: z.string().trim().max(254).nullable(), language: noticeLanguageSchema.optional() });
export const emailTokenQuerySchema = z.object({ token: z.string().min(10).max(200) });
