import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendPush } from "../../src/notify/pushSender.js";

describe("the push sender", () => {
  const server = createServer((_, response) => response.writeHead(201).end());
  let endpoint = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://localhost:${(server.address() as AddressInfo).port}/push`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const push = () => ({ endpoint, method: "POST", headers: { TTL: 60 }, body: Buffer.from("x") });

  it("speaks plain http to a loopback endpoint when private endpoints are allowed", async () => {
    expect(await sendPush(push(), true)).toEqual({ status: 201 });
  });

  it("otherwise refuses it: http, and a name that resolves to loopback, checked on the resolved address", async () => {
    await expect(sendPush(push(), false)).rejects.toThrow(/private or not https/);
    await expect(sendPush({ ...push(), endpoint: endpoint.replace("http:", "https:") }, false)).rejects.toThrow(/resolves to a private address/);
  });
});
