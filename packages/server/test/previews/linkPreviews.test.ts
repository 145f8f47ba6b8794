import type { Message } from "@natter/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guestToken, http, rawSocket } from "../support/http.js";
import { onEveryStore } from "../support/stores.js";
import type { RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";
import { pageSite } from "./pages.js";

const say = async (url: string, token: string, room: string, text: string) => {
  const answer = await http(url, "POST", `/api/rooms/${room}/messages`, { token, body: { text, clientMsgId: `m-${Math.random().toString(36).slice(2)}` } });
  expect(answer.status).toBe(201);
  return (answer.body as { message: Message }).message;
};
const history = async (url: string, token: string, room: string) =>
  ((await http(url, "GET", `/api/messages?room=${room}&limit=50`, { token })).body as { messages: Message[] }).messages;
const stored = async (url: string, token: string, room: string, id: number) => (await history(url, token, room)).find((message) => message.id === id);

onEveryStore((store, start) => {
  describe(`link previews on ${store}`, { timeout: 60_000 }, () => {
    const site = pageSite();
    let siteUrl = "";
    let server: RunningNatter;
    let done: () => Promise<void>;
    let alice = "";
    let bob = "";
    const cached = (path: string) => server.natter.domain.store.cachedPreview(`${siteUrl}${path}`, Date.now());

    beforeAll(async () => {
      siteUrl = await site.start();
      ({ server, done } = await start({ linkPreviewAllowPrivate: true }));
      alice = await guestToken(server.url, "alice");
      bob = await guestToken(server.url, "bob");
      await http(server.url, "POST", "/api/rooms", { token: alice, body: { name: "links" } });
      await http(server.url, "POST", "/api/rooms/links/join", { token: bob });
    });
    afterAll(async () => {
      await done();
      await site.stop();
    });

    it("answers the send at once, then every member's tab gets the page's OpenGraph card as an update", async () => {
      const socket = await rawSocket(server.url, bob);
      const updates: Message[] = [];
      socket.on("message_updated", (message: Message) => updates.push(message));
      const sent = await say(server.url, alice, "links", `read ${siteUrl}/og/first please`);
      expect(sent.preview).toBeUndefined();
      await eventually(() => expect(updates.find((message) => message.id === sent.id)?.preview).toBeDefined());
      const card = { url: `${siteUrl}/og/first`, title: "Natter & friends", description: "Chat for teams.", siteName: "Natter Blog" };
      expect(updates.find((message) => message.id === sent.id)?.preview).toEqual(card);
      expect((await stored(server.url, bob, "links", sent.id))?.preview).toEqual(card);
      socket.close();
    });

    it("makes a card of a page with only a <title>", async () => {
      const sent = await say(server.url, alice, "links", `${siteUrl}/titled`);
      await eventually(async () =>
        expect((await stored(server.url, alice, "links", sent.id))?.preview).toMatchObject({ title: "Only a title", description: "From the meta tag" }),
      );
    });

    it("shows no card for a page that is not HTML, too big or too slow, and remembers that", async () => {
      const sent = await Promise.all(["/json", "/huge", "/slow"].map((path) => say(server.url, alice, "links", `${siteUrl}${path}`)));
      await eventually(
        async () => expect(await Promise.all(["/json", "/huge", "/slow"].map(cached))).toEqual([{ preview: null }, { preview: null }, { preview: null }]),
        {
          timeoutMs: 10_000,
        },
      );
      for (const message of await history(server.url, alice, "links")) if (sent.some((one) => one.id === message.id)) expect(message.preview).toBeUndefined();
    });

    it("fetches a URL once and serves the next message with it from the cache", async () => {
      const first = await say(server.url, alice, "links", `${siteUrl}/og/cached`);
      await eventually(async () => expect((await stored(server.url, alice, "links", first.id))?.preview).toBeDefined());
      const second = await say(server.url, bob, "links", `again: ${siteUrl}/og/cached`);
      await eventually(async () => expect((await stored(server.url, alice, "links", second.id))?.preview?.title).toBe("Natter & friends"));
      expect(site.received.filter((request) => request.path === "/og/cached")).toHaveLength(1);
    });

    it("follows a redirect to the page", async () => {
      const sent = await say(server.url, alice, "links", `${siteUrl}/moved`);
      await eventually(async () => expect((await stored(server.url, alice, "links", sent.id))?.preview?.url).toBe(`${siteUrl}/moved`));
    });

    it("gives an edited message the card of its new first link, and none once the link is gone", async () => {
      const sent = await say(server.url, alice, "links", `${siteUrl}/og/before`);
      await eventually(async () => expect((await stored(server.url, alice, "links", sent.id))?.preview?.url).toBe(`${siteUrl}/og/before`));
      const edit = (text: string) => http(server.url, "PATCH", `/api/rooms/links/messages/${sent.id}`, { token: alice, body: { text } });
      expect((await edit(`now ${siteUrl}/titled/after`)).status).toBe(200);
      await eventually(async () => expect((await stored(server.url, alice, "links", sent.id))?.preview?.url).toBe(`${siteUrl}/titled/after`));
      const unlinked = await edit("no link any more");
      expect((unlinked.body as { message: Message }).message.preview).toBeUndefined();
    });

    it("lets the author remove the card for everyone, and no one else", async () => {
      const sent = await say(server.url, alice, "links", `${siteUrl}/og/removable`);
      await eventually(async () => expect((await stored(server.url, alice, "links", sent.id))?.preview).toBeDefined());
      const path = `/api/rooms/links/messages/${sent.id}/preview`;
      expect((await http(server.url, "DELETE", path, { token: bob })).status).toBe(403);
      const carol = await guestToken(server.url, "carol");
      expect((await http(server.url, "DELETE", path, { token: carol })).status).toBe(404);
      const removed = await http(server.url, "DELETE", path, { token: alice });
      expect(removed.status).toBe(200);
      expect((removed.body as { message: Message }).message.preview).toBeUndefined();
      expect((await stored(server.url, bob, "links", sent.id))?.preview).toBeUndefined();
    });
  });

  describe(`link previews guarded and turned off on ${store}`, { timeout: 60_000 }, () => {
    const site = pageSite();
    let siteUrl = "";

    beforeAll(async () => {
      siteUrl = await site.start();
    });
    afterAll(() => site.stop());

    it("refuses a page on a private address without LINK_PREVIEW_ALLOW_PRIVATE", async () => {
      const { server, done } = await start();
      try {
        const alice = await guestToken(server.url, "alice");
        const sent = await say(server.url, alice, "general", `${siteUrl}/og/inside`);
        await eventually(async () => expect(await server.natter.domain.store.cachedPreview(`${siteUrl}/og/inside`, Date.now())).toEqual({ preview: null }));
        expect(site.received).toHaveLength(0);
        expect((await stored(server.url, alice, "general", sent.id))?.preview).toBeUndefined();
      } finally {
        await done();
      }
    });

    it("fetches nothing with LINK_PREVIEWS=false", async () => {
      const { server, done } = await start({ linkPreviews: false, linkPreviewAllowPrivate: true });
      try {
        expect(server.natter.domain.previews).toBeUndefined();
        const alice = await guestToken(server.url, "alice");
        const sent = await say(server.url, alice, "general", `${siteUrl}/og/off`);
        expect(sent.preview).toBeUndefined();
        expect(await server.natter.domain.store.cachedPreview(`${siteUrl}/og/off`, Date.now())).toBeUndefined();
        expect(site.received).toHaveLength(0);
      } finally {
        await done();
      }
    });
  });
});
