import { ts, type ExportFiles } from "./slackExport.js";

export const TINY_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

/** 2024-03-01 09:00 UTC, in Slack's seconds. */
export const DAY1 = 1709283600;
const DAY2 = DAY1 + 86_400;
const DAY3 = DAY2 + 86_400;

const user = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  deleted: false,
  real_name: name,
  profile: { real_name: name },
  ...extra,
});

/**
 * A small workspace with every feature the importer reads: the cast (alice, bob, carol), a bot, public,
 * archived and private channels, a DM and a group DM, threads, reactions, edits, markup, joins and topics,
 * files with and without bytes, an unknown user, subtypes Natter has no counterpart for, a broken day file,
 * a broken list item and a folder no channel names.
 */
export function sampleExport(): ExportFiles {
  return {
    "users.json": [
      user("U01ALICE", "alice", { profile: { email: "Alice@Example.com", display_name: "Alice A.", real_name: "Alice Adams" } }),
      user("U02BOB", "bob", { profile: { email: "bob@example.com" } }),
      user("U03CAROL", "carol"),
      user("U04ADMIN", "admin"),
      user("U05DEPLOY", "deploybot", { is_bot: true }),
      { name: "nobody-without-an-id" },
    ],
    "channels.json": [
      {
        id: "C01GENERAL",
        name: "general",
        created: DAY1 - 1000,
        creator: "U01ALICE",
        is_general: true,
        members: ["U01ALICE", "U02BOB", "U03CAROL"],
        topic: { value: "Company-wide &amp; all" },
      },
      { id: "C02DESIGN", name: "design", created: DAY1 - 500, creator: "U01ALICE", members: ["U01ALICE", "U02BOB"], purpose: { value: "Pixels" } },
      { id: "C03OLD", name: "old-news", created: DAY1 - 400, creator: "U02BOB", is_archived: true, members: ["U02BOB"] },
    ],
    "groups.json": [{ id: "G01SECRET", name: "secret", created: DAY1, creator: "U01ALICE", members: ["U01ALICE", "U03CAROL"] }],
    "dms.json": [{ id: "D01AB", created: DAY1, members: ["U01ALICE", "U02BOB"] }],
    "mpims.json": [{ id: "G02MPDM", name: "mpdm-alice--bob--carol-1", created: DAY1, members: ["U01ALICE", "U02BOB", "U03CAROL"] }],
    "general/2024-03-01.json": [
      // Written out of order: the day is read in ts order.
      { type: "message", user: "U02BOB", text: "second", ts: ts(DAY1 + 60) },
      { type: "message", user: "U01ALICE", text: "first, with a thread", ts: ts(DAY1), reply_count: 2, thread_ts: ts(DAY1) },
      { type: "message", user: "U02BOB", text: "a reply", ts: ts(DAY1 + 30), thread_ts: ts(DAY1), parent_user_id: "U01ALICE" },
      { type: "message", subtype: "thread_broadcast", user: "U03CAROL", text: "a reply for everyone", ts: ts(DAY1 + 90), thread_ts: ts(DAY1) },
      {
        type: "message",
        user: "U01ALICE",
        text: "*bold* and ~gone~ and _slanted_ <@U02BOB> in <#C02DESIGN|design> see <https://example.com/a?b=1&amp;c=2|the docs> or <https://example.com> &lt;3 :tada: `*not bold*`",
        ts: ts(DAY1 + 120),
        reactions: [
          { name: "+1", users: ["U02BOB", "U03CAROL"], count: 2 },
          { name: "tada", users: ["U02BOB"], count: 1 },
          { name: "partyparrot", users: ["U03CAROL"], count: 1 },
        ],
      },
      { type: "message", user: "U02BOB", text: "typo fixed", ts: ts(DAY1 + 180), edited: { user: "U02BOB", ts: ts(DAY1 + 200) } },
      { type: "message", subtype: "channel_join", user: "U04ADMIN", text: "<@U04ADMIN> has joined the channel", ts: ts(DAY1 + 240) },
      {
        type: "message",
        subtype: "channel_topic",
        user: "U01ALICE",
        text: "<@U01ALICE> set the channel topic: Launch week",
        topic: "Launch week",
        ts: ts(DAY1 + 300),
      },
      { type: "message", subtype: "bot_message", bot_id: "B01CI", username: "ci", text: "Build *passed*", ts: ts(DAY1 + 360) },
      { type: "message", user: "U99GHOST", text: "who am I", ts: ts(DAY1 + 420) },
      { type: "message", subtype: "pinned_item", user: "U01ALICE", text: "pinned a message", ts: ts(DAY1 + 480) },
      { type: "message", subtype: "channel_leave", user: "U03CAROL", text: "<@U03CAROL> has left the channel", ts: ts(DAY1 + 500) },
      {
        type: "message",
        subtype: "file_share",
        user: "U01ALICE",
        text: "the logo",
        ts: ts(DAY1 + 540),
        files: [
          { id: "F01LOGO", name: "logo.png", mimetype: "image/png", size: TINY_PNG.length },
          { id: "F02SPEC", name: "spec.pdf", mimetype: "application/pdf", size: 1000 },
        ],
      },
      { type: "message", user: "U02BOB", ts: "not-a-ts", text: "bad ts" },
    ],
    "general/2024-03-02.json": "{ this is not json",
    "general/2024-03-03.json": [{ type: "message", user: "U03CAROL", text: "day three", ts: ts(DAY3) }],
    "design/2024-03-01.json": [{ type: "message", user: "U01ALICE", text: "<!channel> review please, <@U02BOB>", ts: ts(DAY1 + 10) }],
    "old-news/2024-03-01.json": [{ type: "message", user: "U02BOB", text: "archived words", ts: ts(DAY1 + 20) }],
    "secret/2024-03-01.json": [{ type: "message", user: "U03CAROL", text: "private words", ts: ts(DAY1 + 30) }],
    "D01AB/2024-03-01.json": [{ type: "message", user: "U02BOB", text: "just us", ts: ts(DAY1 + 40) }],
    "mpdm-alice--bob--carol-1/2024-03-01.json": [{ type: "message", user: "U03CAROL", text: "the three of us", ts: ts(DAY1 + 50) }],
    "stray/2024-03-01.json": [{ type: "message", user: "U01ALICE", text: "nowhere", ts: ts(DAY1) }],
    "__uploads/F01LOGO/logo.png": TINY_PNG,
  };
}

export const DAY = { DAY1, DAY2, DAY3 };
