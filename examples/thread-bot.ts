// A bot that answers in threads: mention it (@helper ping) in any room it is in, and it replies under your message.
// An admin makes the bot and its token once:
//   curl -X POST $NATTER_URL/api/bots -H "authorization: Bearer $ADMIN_TOKEN" -H "content-type: application/json" -d '{"username":"helper"}'
//   curl -X POST $NATTER_URL/api/tokens -H "authorization: Bearer $ADMIN_TOKEN" -H "content-type: application/json" \
//     -d '{"name":"helper","scopes":["read","write"],"bot":"helper"}'
// then invites it to rooms (/invite @helper). Run: NATTER_TOKEN=ntk_… npx tsx examples/thread-bot.ts
import { NatterClient } from "@natter/client";
import type { Message } from "@natter/protocol";

const url = process.env.NATTER_URL ?? "http://localhost:5000";
const token = process.env.NATTER_TOKEN;
if (!token) throw new Error("Set NATTER_TOKEN to the bot's access token (see the top of this file)");

const bot = new NatterClient({ url, token });
const found = await bot.me();
if (!found) throw new Error("The token was refused: revoked, or mistyped");
const me = found;
await bot.connect();
for (const room of await bot.rooms()) if (room.joined) await bot.join(room.name);
// Invited to a room later: follow it too.
bot.on("room_added", (room) => void bot.join(room.name).catch((error: unknown) => console.error(`could not join ${room.name}:`, error)));

/** What the bot says to a mention: a small command set, to show the shape. */
function answer(message: Message): string {
  const words = message.text.replace(`@${me.username}`, "").trim();
  if (/^ping\b/i.test(words)) return "pong";
  if (/^time\b/i.test(words)) return `It is ${new Date().toISOString()} here`;
  return `Hello ${message.author.username}! Say "@${me.username} ping" or "@${me.username} time".`;
}

bot.on("message", (message) => {
  if (message.author.id === me.id || !message.mentions.includes(me.id)) return;
  // A reply to a reply joins the same thread: answer under its first message.
  const thread = message.replyTo?.id ?? message.id;
  bot.send(message.room, answer(message), { replyTo: thread }).catch((error: unknown) => console.error("could not answer:", error));
});

console.log(`${me.username} answers mentions in threads on ${url}`);
