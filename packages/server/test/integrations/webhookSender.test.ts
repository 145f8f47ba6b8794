import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postWebhook, UnsafeUrl } from "../../src/notify/webhookSender.js";
import { Receiver } from "./receiver.js";

describe("the outgoing webhook sender", () => {
  const receiver = new Receiver();
  let url = "";

  beforeAll(async () => {
    url = await receiver.start();
    receiver.behaviour = (request) => {
      if (request.path === "/moved") return { status: 307, headers: { location: `${url}/landed` } };
      if (request.path === "/elsewhere") return { status: 302, headers: { location: "file:///etc/passwd" } };
      return { status: 200, body: "landed", contentType: "text/plain" };
    };
  });
  afterAll(() => receiver.stop());

  const request = (target: string) => ({ url: target, body: '{"a":1}', headers: { "content-type": "application/json" } });

  it("refuses a private or loopback address, a name resolving to one, and anything but http(s), before sending", async () => {
    for (const target of ["http://127.0.0.1:9/x", "http://10.0.0.8/x", "http://[::1]:9/", "http://169.254.169.254/latest/meta-data", "ftp://example.com/"])
      await expect(postWebhook(request(target), { allowPrivate: false }), target).rejects.toBeInstanceOf(UnsafeUrl);
    await expect(postWebhook(request(`http://localhost:${new URL(url).port}/x`), { allowPrivate: false })).rejects.toMatchObject({ code: "EPRIVATE" });
    expect(receiver.received).toHaveLength(0);
  });

  it("with WEBHOOK_ALLOW_PRIVATE, posts and follows a 307 with the same body", async () => {
    const answer = await postWebhook(request(`${url}/moved`), { allowPrivate: true });
    expect(answer).toMatchObject({ status: 200, body: "landed" });
    expect(receiver.received.map((entry) => [entry.path, entry.body])).toEqual([
      ["/moved", '{"a":1}'],
      ["/landed", '{"a":1}'],
    ]);
  });

  it("checks every redirect as it checks the first address", async () => {
    receiver.received.length = 0;
    await expect(postWebhook(request(`${url}/elsewhere`), { allowPrivate: true })).rejects.toBeInstanceOf(UnsafeUrl);
    expect(receiver.received.map((entry) => entry.path)).toEqual(["/elsewhere"]);
  });

  it("gives up on a receiver that answers nothing within the deadline", async () => {
    receiver.behaviour = () => "hold";
    await expect(postWebhook(request(`${url}/slow`), { allowPrivate: true, timeoutMs: 200 })).rejects.toThrow(/timed out/);
  });
});
