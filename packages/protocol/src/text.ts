import { z } from "zod";

/** Code points, not UTF-16 units: "数据库" is 3 characters and so is "👍👍👍". */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

// Control, format (zero-width, bidi overrides, soft hyphen), and invisible separators.
const INVISIBLE_OR_CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
// Letters with their combining marks, digits, and three separators: names stay mention-friendly.
const NAME_CHARACTERS = /^[\p{L}\p{M}\p{N}_.-]+$/u;

/** Both stores must answer alike: PostgreSQL rejects NUL and lone surrogates, so nobody may send them. */
export function isStorableText(text: string): boolean {
  return text.isWellFormed() && !text.includes("\u0000");
}

export const NAME_MIN = 2;
export const NAME_MAX = 32;

/** Usernames and room names: NFC, 2–32 characters, letters, digits, `_ . -`. */
export const nameSchema = z
  .string()
  .max(NAME_MAX * 4)
  .trim()
  .normalize("NFC")
  .refine(isStorableText, "Name contains invalid characters")
  .refine((s) => characterCount(s) >= NAME_MIN && characterCount(s) <= NAME_MAX, {
    message: `Name must be ${NAME_MIN}–${NAME_MAX} characters`,
  })
  .refine((s) => !INVISIBLE_OR_CONTROL.test(s), "Name must not contain control, zero-width or bidi characters")
  .refine((s) => NAME_CHARACTERS.test(s), "Name may contain only letters, digits, '_', '.' and '-'");

/**
 * The key that makes room names unique: "Design", "design" and "ｄｅｓｉｇｎ" are one room. Usernames use a stricter
 * key on the server (confusable characters fold too: packages/server/src/domain/usernames.ts).
 */
export function nameKey(name: string): string {
  return name.normalize("NFKC").toLowerCase();
}

export const TOPIC_MAX = 250;
export const topicSchema = z
  .string()
  .max(TOPIC_MAX)
  .trim()
  .refine(isStorableText, "Topic contains invalid characters")
  .refine((s) => !/[\p{Cc}]/u.test(s), "Topic must not contain control characters");

/** The hard ceiling on message text; servers may set a lower limit (4,000 by default). */
export const MESSAGE_TEXT_CEILING = 16_000;
export const DEFAULT_MESSAGE_MAX = 4_000;

export const messageTextSchema = z
  .string()
  .max(MESSAGE_TEXT_CEILING * 2)
  .refine(isStorableText, "Text contains NUL or unpaired surrogate characters")
  .refine((s) => s.trim().length > 0, "Message text must not be empty");

/** One emoji (with its modifiers and joiners): at most 16 code points, no letters, digits or spaces. */
export const emojiSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((s) => characterCount(s) <= 16 && /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(s) && !/[\p{L}\p{N}\s]/u.test(s), "Not an emoji");

export const DISPLAY_NAME_MAX = 64;
export const displayNameSchema = z
  .string()
  .max(DISPLAY_NAME_MAX * 4)
  .trim()
  .normalize("NFC")
  .refine(isStorableText, "Display name contains invalid characters")
  .refine((s) => characterCount(s) <= DISPLAY_NAME_MAX, `Display name is at most ${DISPLAY_NAME_MAX} characters`)
  .refine((s) => !INVISIBLE_OR_CONTROL.test(s.replace(/\u200d/g, "")), "Display name must not contain control, zero-width or bidi characters");

export const STATUS_MAX = 140;
export const statusSchema = z
  .string()
  .max(STATUS_MAX * 4)
  .trim()
  .refine(isStorableText, "Status contains invalid characters")
  .refine((s) => characterCount(s) <= STATUS_MAX, `Status is at most ${STATUS_MAX} characters`)
  .refine((s) => !/[\p{Cc}]/u.test(s), "Status must not contain control characters");

/** Direct messages are rooms named with this prefix; people cannot create rooms named like it. */
export const DM_PREFIX = "dm-";
export const MAX_DM_PEOPLE = 8;

/** Chosen by the client, unique per sender: a retried send with the same id is stored once. */
export const clientMsgIdSchema = z.string().regex(/^[A-Za-z0-9_:.-]{1,64}$/, "clientMsgId must be 1–64 characters of A–Z, a–z, 0–9, '_', ':', '.', '-'");

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX)
  .refine(isStorableText, "Password contains invalid characters");
