import {
  routes,
  type ApiToken,
  type Command,
  type CommandResult,
  type IncomingHook,
  type OutgoingHook,
  type RouteBody,
  type RouteReply,
  type TokenScope,
} from "@natter/protocol";
import { call, type HttpOptions } from "./http.js";

type Bot = RouteReply<typeof routes.createBot>["bot"];
type Delivery = RouteReply<typeof routes.hookDeliveries>["deliveries"][number];

/**
 * Integrations (`client.integrations.…`): personal access tokens and bots, a room's incoming webhooks, outgoing
 * webhooks with their delivery log, and slash commands. A token made here is shown once, in the answer.
 */
export class IntegrationsApi {
  constructor(private readonly http: HttpOptions) {}

  /** Your tokens (an admin's list holds every bot's too), with when each was last used. */
  async tokens(): Promise<ApiToken[]> {
    return (await call(this.http, routes.tokens)).tokens;
  }

  /** A token for yourself, or (admins) for a bot: `new NatterClient({ url, token })` then acts with it. */
  createToken(name: string, scopes: TokenScope[], options: { bot?: string } = {}): Promise<{ token: string; info: ApiToken }> {
    return call(this.http, routes.createToken, { body: { name, scopes, ...options } });
  }

  async revokeToken(id: number): Promise<void> {
    await call(this.http, routes.revokeToken, { params: { id } });
  }

  async bots(): Promise<Bot[]> {
    return (await call(this.http, routes.bots)).bots;
  }

  /** Admins: an account with no password, acting through the tokens made for it. */
  async createBot(username: string, displayName = ""): Promise<Bot> {
    return (await call(this.http, routes.createBot, { body: { username, displayName } })).bot;
  }

  async incomingHooks(room: string): Promise<IncomingHook[]> {
    return (await call(this.http, routes.incomingHooks, { params: { name: room } })).hooks;
  }

  /** The secret URL is in this answer only (and in a rotation's). */
  createIncomingHook(room: string, name: string, emoji?: string): Promise<{ hook: IncomingHook; url: string }> {
    return call(this.http, routes.createIncomingHook, { params: { name: room }, body: { name, ...(emoji === undefined ? {} : { emoji }) } });
  }

  rotateIncomingHook(room: string, id: number): Promise<{ hook: IncomingHook; url: string }> {
    return call(this.http, routes.rotateIncomingHook, { params: { name: room, id } });
  }

  async deleteIncomingHook(room: string, id: number): Promise<void> {
    await call(this.http, routes.deleteIncomingHook, { params: { name: room, id } });
  }

  async outgoingHooks(): Promise<OutgoingHook[]> {
    return (await call(this.http, routes.outgoingHooks)).hooks;
  }

  /** For a room (its owners and admins) or a bot's mentions (admins); the signing secret is in this answer only. */
  createOutgoingHook(body: RouteBody<typeof routes.createOutgoingHook>): Promise<{ hook: OutgoingHook; secret: string }> {
    return call(this.http, routes.createOutgoingHook, { body });
  }

  /** A new signing secret, in this answer only. */
  rotateOutgoingHook(id: number): Promise<{ hook: OutgoingHook; secret: string }> {
    return call(this.http, routes.rotateOutgoingHook, { params: { id } });
  }

  async deleteOutgoingHook(id: number): Promise<void> {
    await call(this.http, routes.deleteOutgoingHook, { params: { id } });
  }

  /** The newest deliveries first. */
  async deliveries(id: number): Promise<Delivery[]> {
    return (await call(this.http, routes.hookDeliveries, { params: { id } })).deliveries;
  }

  /** Built-in and custom slash commands, for completion and /help. */
  async commands(): Promise<Command[]> {
    return (await call(this.http, routes.commands)).commands;
  }

  /** Admins: a command Natter POSTs Slack's form fields to; the signing secret is in this answer only. */
  createCommand(body: RouteBody<typeof routes.createCommand>): Promise<{ command: Command; secret: string }> {
    return call(this.http, routes.createCommand, { body });
  }

  async deleteCommand(id: number): Promise<void> {
    await call(this.http, routes.deleteCommand, { params: { id } });
  }

  /** Runs `/command text` in a room (in a thread with `replyTo`); an ephemeral answer also arrives as `command_reply`. */
  runCommand(room: string, command: string, text = "", options: { replyTo?: number } = {}): Promise<CommandResult> {
    return call(this.http, routes.runCommand, { params: { name: room }, body: { command, text, ...options } });
  }
}
