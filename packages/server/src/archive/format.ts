import { z } from "zod";

/**
 * Natter's export format (docs/export.md): a zip of JSON lines. The version is raised on any change a
 * reader of the old one would misread; readers refuse versions they do not know.
 */
export const EXPORT_FORMAT = "natter-export";
export const EXPORT_VERSION = 1;

export const ENTRY = {
  manifest: "manifest.json",
  users: "users.jsonl",
  rooms: "rooms.jsonl",
  messages: "messages.jsonl",
  profile: "profile.json",
} as const;

/** Where a file's bytes (and an image's thumbnail) are kept in the archive. */
export const fileEntry = (id: string) => `files/${id}`;
export const thumbEntry = (id: string) => `thumbnails/${id}`;

const time = z.iso.datetime();
const name = z.string().min(1).max(256);

export const userLineSchema = z.object({
  username: name,
  displayName: z.string().max(256),
  kind: z.enum(["member", "guest"]),
  role: z.enum(["user", "moderator", "admin"]),
  createdAt: time,
});
export type UserLine = z.infer<typeof userLineSchema>;

export const roomLineSchema = z.object({
  name,
  topic: z.string().max(10_000),
  kind: z.enum(["public", "private"]),
  createdAt: time,
  createdBy: name.nullable(),
  archivedAt: time.nullable(),
  members: z.array(z.object({ username: name, role: z.enum(["owner", "admin", "member"]), joinedAt: time })),
});
export type RoomLine = z.infer<typeof roomLineSchema>;

export const fileLineSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  name: z.string().min(1).max(256),
  type: z.string().max(256),
  size: z.number().int().min(0),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  thumbnail: z.boolean(),
  createdAt: time,
});
export type FileLine = z.infer<typeof fileLineSchema>;

export const messageLineSchema = z.object({
  id: z.number().int().positive(),
  room: name,
  seq: z.number().int().min(0),
  author: name,
  text: z.string().max(1_000_000),
  createdAt: time,
  editedAt: time.nullable(),
  deletedAt: time.nullable(),
  /** The thread's first message, by its id in this archive and its author. */
  replyTo: z.object({ id: z.number().int().positive(), author: name }).nullable(),
  inRoom: z.boolean(),
  mentions: z.array(name),
  mentionsRoom: z.boolean(),
  reactions: z.array(z.object({ user: name, emoji: z.string().min(1).max(64), createdAt: time })),
  files: z.array(fileLineSchema),
});
export type MessageLine = z.infer<typeof messageLineSchema>;

export const manifestSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int(),
  exportId: z.uuid(),
  createdAt: time,
  scope: z.union([z.object({ kind: z.literal("all") }), z.object({ kind: z.literal("room"), room: name }), z.object({ kind: z.literal("user"), user: name })]),
  counts: z.object({ users: z.number().int(), rooms: z.number().int(), messages: z.number().int(), files: z.number().int() }),
  /** SHA-256 of every other entry: a changed or missing entry refuses the whole archive. */
  checksums: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});
export type Manifest = z.infer<typeof manifestSchema>;
