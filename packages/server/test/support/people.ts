import { NatterClient } from "@natter/client";
import { offerSetup } from "../../src/domain/setup.js";
import type { RunningNatter } from "./server.js";

const opened: NatterClient[] = [];

/** A guest with a connected socket, as someone who typed a name in the original chat. */
export async function guest(url: string, username: string): Promise<NatterClient> {
  const client = track(new NatterClient({ url, transports: ["websocket"] }));
  await client.guest(username);
  await client.connect();
  return client;
}

/** A registered user with a connected socket. */
export async function member(url: string, username: string, password = "correct horse battery"): Promise<NatterClient> {
  const client = track(new NatterClient({ url, transports: ["websocket"] }));
  await client.register(username, password);
  await client.connect();
  return client;
}

/** The server's first admin, made through the setup link as an operator would (the server logs the link on start). */
export async function firstAdmin(running: RunningNatter, username: string, password = "correct horse battery"): Promise<NatterClient> {
  const link = await offerSetup(running.natter.domain);
  const token = link && new URL(link).searchParams.get("token");
  if (!token) throw new Error("this server already has an admin");
  const client = track(new NatterClient({ url: running.url, transports: ["websocket"] }));
  await client.setup(token, username, password);
  await client.connect();
  return client;
}

/** Another tab of the same person: same token, its own socket. */
export async function anotherTab(url: string, of: NatterClient): Promise<NatterClient> {
  const client = track(new NatterClient({ url, token: of.token ?? undefined, transports: ["websocket"] }));
  await client.connect();
  return client;
}

export function closeAll(): void {
  for (const client of opened.splice(0)) client.close();
}

function track(client: NatterClient): NatterClient {
  opened.push(client);
  return client;
}
