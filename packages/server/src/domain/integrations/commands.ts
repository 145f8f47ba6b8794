import { slackCommandAnswerSchema, type Command, type CommandResult, type SlackCommandAnswer, type User } from "@natter/protocol";
import { randomUUID } from "node:crypto";
import { postWebhook } from "../../notify/webhookSender.js";
import { RESPONSE_WINDOW_MS, type SlashCommandRow } from "../../storage/index.js";
import { accessRoom } from "../access.js";
import type { Domain } from "../context.js";
import { Refusal } from "../errors.js";
import { spend } from "../limits.js";
import { hashToken, newSessionToken, sameHash } from "../tokens.js";
import { BUILT_INS, type CommandCall } from "./builtInCommands.js";
import { recordAudit } from "../audit.js";
import { refuseUnsafe } from "./safeUrl.js";
import { postReply } from "./replies.js";
import { newSigningSecret, signatureHeaders } from "./signing.js";
import { slackMessage } from "./slackCard.js";

/** Built-ins first, then the server's own commands; only admins see where a custom command calls. */
export async function listCommands(domain: Domain, user: User): Promise<Command[]> {
  const custom = await domain.store.commands();
  return [
    ...BUILT_INS.map((builtIn) => ({ id: null, command: builtIn.command, description: builtIn.description, usage: builtIn.usage, builtIn: true, url: null })),
    ...custom.map((row) => toCommand(row, user.role === "admin")),
  ];
}

/** Admins register a command: Natter POSTs Slack's form fields to its URL, signed with the secret shown once. */
export async function createCommand(
  domain: Domain,
  admin: User,
  input: { command: string; url: string; description: string; usage: string },
  address: string,
): Promise<{ command: Command; secret: string }> {
  if (admin.role !== "admin") throw new Refusal("FORBIDDEN", "Only server admins add slash commands");
  if (BUILT_INS.some((builtIn) => builtIn.command === input.command)) throw new Refusal("COMMAND_EXISTS", `${input.command} is built in`);
  refuseUnsafe(domain, input.url);
  await spend(domain.limits, "integrations", admin.id);
  const secret = newSigningSecret();
  const row = await domain.store.insertCommand({ ...input, secret, created_by: admin.id, created_at: domain.now() });
  if (!row) throw new Refusal("COMMAND_EXISTS", `${input.command} exists already`);
  await recordAudit(domain, {
    actor: admin,
    action: "command.create",
    target: `command:${row.id}`,
    address,
    details: { command: input.command, url: input.url },
  });
  return { command: toCommand(row, true), secret };
}

export async function deleteCommand(domain: Domain, admin: User, id: number, address: string): Promise<void> {
  if (admin.role !== "admin") throw new Refusal("FORBIDDEN", "Only server admins remove slash commands");
  if (!(await domain.store.deleteCommand(id))) throw new Refusal("NOT_FOUND", `No command ${id}`);
  await recordAudit(domain, { actor: admin, action: "command.delete", target: `command:${id}`, address, details: {} });
}

/** Runs a command typed in a room the caller is a member of. */
export async function runCommand(
  domain: Domain,
  user: User,
  room: string,
  input: { command: string; text: string; replyTo?: number | undefined },
): Promise<CommandResult> {
  const roomRow = await accessRoom(domain, user.id, room);
  await spend(domain.limits, "commands", user.id);
  const name = input.command.toLowerCase();
  const call: CommandCall = { room: roomRow.name, text: input.text, replyTo: input.replyTo };
  const builtIn = BUILT_INS.find((candidate) => candidate.command === name);
  const result = builtIn ? await runBuiltIn(domain, user, call, builtIn) : await runCustom(domain, user, roomRow, call, name);
  if (result.responseType === "ephemeral") domain.publisher.toUser(user.id, "command_reply", { room: roomRow.name, command: name, text: result.text });
  return result;
}

async function runBuiltIn(domain: Domain, user: User, call: CommandCall, builtIn: (typeof BUILT_INS)[number]): Promise<CommandResult> {
  const result = await builtIn.run(domain, user, call);
  if (builtIn.command !== "/help") return result;
  const custom = await domain.store.commands();
  return { ...result, text: [result.text, ...custom.map((row) => `${row.usage || row.command} — ${row.description}`)].join("\n") };
}

/** Slack's form fields, signed; the answer (or a late one at response_url) is the caller's alone or posted. */
async function runCustom(domain: Domain, user: User, room: { id: number; name: string }, call: CommandCall, name: string): Promise<CommandResult> {
  const command = await domain.store.commandByName(name);
  if (!command) throw new Refusal("NOT_FOUND", `No command ${name}; /help lists them`);
  const secret = newSessionToken();
  const responseId = await domain.store.insertCommandResponse({
    secret_hash: hashToken(secret),
    command_id: command.id,
    user_id: user.id,
    room_id: room.id,
    reply_to_id: call.replyTo ?? null,
    expires_at: domain.now() + RESPONSE_WINDOW_MS,
  });
  const body = new URLSearchParams({
    command: command.command,
    text: call.text,
    user_name: user.username,
    user_id: String(user.id),
    channel_name: room.name,
    channel_id: String(room.id),
    response_url: `${domain.publicUrl()}/hooks/responses/${responseId}/${secret}`,
    trigger_id: `${responseId}.${randomUUID()}`,
  }).toString();
  const headers = {
    "content-type": "application/x-www-form-urlencoded",
    "user-agent": "Natter-Commands",
    ...signatureHeaders(command.secret, body, Date.now()),
  };
  let answer;
  try {
    answer = await postWebhook({ url: command.url, body, headers }, { allowPrivate: domain.settings.webhookAllowPrivate });
  } catch (error) {
    throw new Refusal("COMMAND_FAILED", `${name} did not answer: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (answer.status < 200 || answer.status >= 300) throw new Refusal("COMMAND_FAILED", `${name} failed (its server answered ${answer.status})`);
  const parsed = parseAnswer(answer.body, answer.contentType);
  if (!parsed) return { responseType: "none", text: "" };
  return deliverAnswer(domain, { userId: user.id, room: room.name, replyTo: call.replyTo, command: command.command }, parsed);
}

/** JSON in Slack's format, or plain text (shown to the caller); undefined when the answer is empty. */
function parseAnswer(body: string, contentType: string): SlackCommandAnswer | undefined {
  if (body.trim() === "") return undefined;
  if (contentType.includes("json")) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new Refusal("COMMAND_FAILED", "The command answered JSON that does not parse");
    }
    const parsed = slackCommandAnswerSchema.safeParse(json);
    if (!parsed.success) throw new Refusal("COMMAND_FAILED", "The command's answer is not in Slack's format");
    return parsed.data;
  }
  return { response_type: "ephemeral", text: body.slice(0, 40_000), attachments: [], blocks: [] };
}

interface Caller {
  userId: number;
  room: string;
  replyTo: number | undefined;
  command: string;
}

async function deliverAnswer(domain: Domain, caller: Caller, answer: SlackCommandAnswer): Promise<CommandResult> {
  const { text, card } = slackMessage(answer, "command", { username: caller.command });
  if (answer.response_type === "ephemeral") return { responseType: "ephemeral", text };
  await postReply(domain, { authorId: caller.userId, room: caller.room, text, threadId: caller.replyTo, clientMsgId: `cmd-${randomUUID()}`, card });
  return { responseType: "in_channel", text };
}

/** A late answer at a command's response_url: within 30 minutes, to the caller, in the room the command ran in. */
export async function respondToCommand(domain: Domain, id: number, secret: string, answer: SlackCommandAnswer): Promise<void> {
  const response = await domain.store.commandResponseById(id);
  const valid = response && sameHash(response.secret_hash, hashToken(secret)) && response.expires_at > domain.now();
  if (!response || !valid) throw new Refusal("NOT_FOUND", "No such response URL, or it has expired");
  const [room, command] = await Promise.all([domain.store.roomById(response.room_id), domain.store.commands()]);
  const name = command.find((row) => row.id === response.command_id)?.command;
  if (!room || !name) throw new Refusal("NOT_FOUND", "No such response URL, or it has expired");
  await spend(domain.limits, "commands", response.user_id);
  const caller = { userId: response.user_id, room: room.name, replyTo: response.reply_to_id ?? undefined, command: name };
  const result = await deliverAnswer(domain, caller, answer);
  if (result.responseType === "ephemeral") domain.publisher.toUser(response.user_id, "command_reply", { room: room.name, command: name, text: result.text });
}

function toCommand(row: SlashCommandRow, showUrl: boolean): Command {
  return { id: row.id, command: row.command, description: row.description, usage: row.usage || row.command, builtIn: false, url: showUrl ? row.url : null };
}
