// A bot that repeats what people say in #general. Run: npx tsx examples/echo-bot.ts
import { NatterClient, NatterError } from "@natter/client";

const url = process.env.NATTER_URL ?? "http://localhost:5000";
const name = process.env.BOT_NAME ?? "echo-bot";
const password = process.env.BOT_PASSWORD ?? "echo-bot-password";

const bot = new NatterClient({ url });
try {
  await bot.login(name, password);
} catch (error) {
  if (!(error instanceof NatterError) || error.code !== "INVALID_CREDENTIALS") throw error;
  await bot.register(name, password);
}
await bot.connect();
await bot.join("general");

bot.on("message", (message) => {
  if (message.author.id === bot.user?.id) return;
  bot.send(message.room, `${message.author.username} said: ${message.text}`).catch((error: unknown) => {
    console.error("could not answer:", error);
  });
});

console.log(`${name} is listening in #general on ${url}`);
