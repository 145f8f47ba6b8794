import { offerSetup } from "../../src/domain/setup.js";
import { http } from "../support/http.js";
import type { RunningNatter } from "../support/server.js";

export const PASSWORD = "correct horse battery";

/** The server's first admin, made through the one-time setup link as an operator would; answers their session token. */
export async function adminToken(running: RunningNatter, username: string): Promise<string> {
  const link = await offerSetup(running.natter.domain);
  const setup = link && new URL(link).searchParams.get("token");
  if (!setup) throw new Error("this server already has an admin");
  const answer = await http(running.url, "POST", "/api/setup", { body: { token: setup, username, password: PASSWORD } });
  const token = (answer.body as { token?: unknown }).token;
  if (typeof token !== "string") throw new Error(`setup: ${answer.status} ${JSON.stringify(answer.body)}`);
  return token;
}

/** A registered member (guests may not make tokens); answers their session token. */
export async function memberToken(running: RunningNatter, username: string): Promise<string> {
  const answer = await http(running.url, "POST", "/api/auth/register", { body: { username, password: PASSWORD } });
  const token = (answer.body as { token?: unknown }).token;
  if (typeof token !== "string") throw new Error(`register ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return token;
}
