import { z } from "zod";
import { userKindSchema } from "./entities.js";
import { nameSearchQuerySchema } from "./access.js";

/** Avatars are stored as one square WebP of this many pixels a side, whatever was uploaded. */
export const AVATAR_SIZE = 256;
/** The largest picture accepted for an avatar, before it is cropped and resized. */
export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;

/** Someone as the directory, the people picker and every name in the app show them. */
export const personSchema = z.object({
  id: z.number().int().positive(),
  username: z.string(),
  displayName: z.string().describe("The username when none was chosen"),
  avatarUrl: z.string().nullable().describe("Null: draw initials"),
  kind: userKindSchema,
  bot: z.boolean(),
  deactivated: z.boolean(),
  online: z.boolean(),
});
export type Person = z.infer<typeof personSchema>;

export const peopleQuerySchema = nameSearchQuerySchema(30);
export type PeopleQuery = z.input<typeof peopleQuerySchema>;
export const peopleResponseSchema = z.object({
  people: z.array(personSchema).describe("Active accounts in name order; a guest sees only the people who share a room with them"),
  nextCursor: z.string().nullable(),
});
export type PeopleResponse = z.infer<typeof peopleResponseSchema>;

export const peopleByIdQuerySchema = z.object({
  ids: z
    .string()
    .regex(/^\d{1,15}(,\d{1,15}){0,99}$/)
    .describe("Up to 100 ids, separated by commas: the authors of what is on screen"),
});
export const peopleByIdResponseSchema = z.object({ people: z.array(personSchema).describe("The ids that name an account; others are left out") });

/** The square to keep, in the pixels of the upright picture; none keeps the centre. */
export const avatarQuerySchema = z.object({
  x: z.coerce.number().int().min(0).max(100_000).optional(),
  y: z.coerce.number().int().min(0).max(100_000).optional(),
  size: z.coerce.number().int().min(1).max(100_000).optional(),
});
export type AvatarCrop = z.infer<typeof avatarQuerySchema>;
export const avatarParamsSchema = z.object({ id: z.coerce.number().int().positive(), version: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
