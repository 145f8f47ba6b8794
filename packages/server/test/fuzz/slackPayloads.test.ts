import fc from "fast-check";
import type { Message } from "@natter/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, guestToken } from "../security/support/api.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { NAUGHTY_STRINGS } from "./naughtyStrings.js";
import { answerProblems } from "./support/outcomes.js";

/**
 * Random Slack payloads to a real incoming webhook (the route fuzz of property.test.ts never gets past the
 * secret): JSON and form-encoded, well-formed and not. Each is stored as a valid card or refused with a code.
 */
const SEED = process.env.FUZZ_SEED === "random" ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED ?? 20_261_204);
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

const text = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom(...NAUGHTY_STRINGS.filter((s) => s.length < 200)), fc.constant("x".repeat(3_100)));
const anything = fc.jsonValue({ maxDepth: 2 });
const textObject = fc.record({ type: fc.constantFrom("mrkdwn", "plain_text", "html"), text }, { requiredKeys: [] });
const block = fc.oneof(
  fc.record(
    { type: fc.constantFrom("section", "header"), text: fc.oneof(textObject, anything), fields: fc.array(textObject, { maxLength: 12 }) },
    { requiredKeys: ["type"] },
  ),
  fc.record({ type: fc.constant("context"), elements: fc.array(fc.oneof(textObject, anything), { maxLength: 12 }) }),
  fc.record({ type: fc.constantFrom("divider", "image", "actions", "rich_text") }),
  anything,
);
const attachment = fc.oneof(
  fc.record(
    {
      fallback: text,
      color: fc.oneof(fc.constantFrom("good", "danger", "#ff0000", "red; background:url(x)", "#12"), text),
      pretext: text,
      title: text,
      title_link: fc.oneof(fc.constantFrom("https://example.com", "javascript:alert(1)", "data:text/html,x", "//evil"), text),
      text,
      fields: fc.array(fc.oneof(fc.record({ title: text, value: text, short: fc.boolean() }, { requiredKeys: [] }), anything), { maxLength: 22 }),
      footer: text,
    },
    { requiredKeys: [] },
  ),
  anything,
);
const payload = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      { text, username: text, icon_emoji: text, attachments: fc.array(attachment, { maxLength: 4 }), blocks: fc.array(block, { maxLength: 6 }) },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anything },
);

describe(`fast-check on Slack payloads to an incoming webhook (seed ${SEED}, ${RUNS} runs)`, () => {
  let server: RunningNatter;
  let hookPath = "";
  let token = "";

  beforeAll(async () => {
    server = await startNatter();
    token = await guestToken(server.url, "fuzzer");
    await call(server.url, { method: "POST", path: "/api/rooms", token, body: { name: "hooked" } });
    const created = await call(server.url, { method: "POST", path: "/api/rooms/hooked/hooks", token, body: { name: "fuzz" } });
    hookPath = new URL((created.body as { url: string }).url).pathname;
  });
  afterAll(() => server.cleanup());

  it("every payload is stored as a card whose links are http(s) and colours safe, or refused with a { code, message }", async () => {
    const problems: string[] = [];
    await fc.assert(
      fc.asyncProperty(payload, fc.boolean(), async (body, form) => {
        const answer = form
          ? await call(server.url, {
              method: "POST",
              path: hookPath,
              raw: new URLSearchParams({ payload: JSON.stringify(body) }).toString(),
              contentType: "application/x-www-form-urlencoded",
            })
          : await call(server.url, { method: "POST", path: hookPath, body });
        problems.push(...answerProblems(JSON.stringify(body).slice(0, 120), answer));
        if (answer.status === 200) {
          expect(answer.body).toBe("ok");
          const page = (await call(server.url, { method: "GET", path: "/api/messages?room=hooked&limit=1", token })).body as { messages: Message[] };
          const card = page.messages[0]?.card;
          for (const item of card?.attachments ?? []) {
            if (item.titleLink !== undefined) expect(item.titleLink).toMatch(/^https?:\/\//);
            if (item.color !== undefined) expect(item.color).toMatch(/^(good|warning|danger|#?[0-9a-fA-F]{3}|#?[0-9a-fA-F]{6})$/);
          }
        } else expect([400, 413]).toContain(answer.status);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(problems).toEqual([]);
  });
});
