import { nameSchema, type CommandResult, type User } from "@natter/protocol";
import { randomUUID } from "node:crypto";
import { readAvailability, setAvailability } from "../availability.js";
import type { Domain } from "../context.js";
import { Refusal } from "../errors.js";
import { sendMessage } from "../messages.js";
import { inviteMember, leaveRoom, setNotifyLevel, updateRoom } from "../rooms.js";

export interface BuiltIn {
  command: string;
  usage: string;
  /** English; the web app shows its own translation, keyed by the command. */
  description: string;
  run(domain: Domain, user: User, call: CommandCall): Promise<CommandResult>;
}

export interface CommandCall {
  room: string;
  text: string;
  replyTo?: number | undefined;
}

const none: CommandResult = { responseType: "none", text: "" };
const tell = (text: string): CommandResult => ({ responseType: "ephemeral", text });

/** Sends as the caller, in the thread when the command ran in one. */
async function say(domain: Domain, user: User, call: CommandCall, text: string): Promise<CommandResult> {
  await sendMessage(domain, user, { room: call.room, text, clientMsgId: `cmd-${randomUUID()}`, replyTo: call.replyTo });
  return none;
}

/** `1h`, `30m`, `2d`, `90` (minutes): how long /dnd lasts. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,4})\s*(m|min|h|d)?$/i.exec(text.trim());
  if (!match?.[1]) return undefined;
  const amount = Number(match[1]);
  const unit = (match[2] ?? "m").toLowerCase();
  const minutes = unit === "d" ? amount * 1_440 : unit === "h" ? amount * 60 : amount;
  return minutes > 0 && minutes <= 30 * 1_440 ? minutes * 60_000 : undefined;
}

/** The commands every Natter has, in the order /help lists them. */
export const BUILT_INS: readonly BuiltIn[] = [
  {
    command: "/me",
    usage: "/me waves",
    description: "Say what you are doing, in italics",
    run: (domain, user, call) => {
      if (call.text.trim() === "") throw new Refusal("BAD_REQUEST", "Write what you are doing: /me waves");
      return say(domain, user, call, `_${call.text.trim()}_`);
    },
  },
  {
    command: "/shrug",
    usage: "/shrug [message]",
    description: "Add ¯\\_(ツ)_/¯ to your message",
    run: (domain, user, call) => say(domain, user, call, `${call.text.trim()} ¯\\\\\\_(ツ)\\_/¯`.trim()),
  },
  {
    command: "/topic",
    usage: "/topic new topic",
    description: "Set the room's topic",
    run: async (domain, user, call) => {
      await updateRoom(domain, user, call.room, { topic: call.text.trim() });
      return none;
    },
  },
  {
    command: "/invite",
    usage: "/invite @name",
    description: "Add someone to this room",
    run: async (domain, user, call) => {
      const name = nameSchema.safeParse(call.text.trim().replace(/^@/, ""));
      if (!name.success) throw new Refusal("BAD_REQUEST", "Name someone to invite: /invite @name");
      const member = await inviteMember(domain, user, call.room, name.data);
      return tell(`${member.user.username} was added to ${call.room}`);
    },
  },
  {
    command: "/leave",
    usage: "/leave",
    description: "Leave this room",
    run: async (domain, user, call) => {
      await leaveRoom(domain, user, call.room);
      return none;
    },
  },
  {
    command: "/mute",
    usage: "/mute",
    description: "Mute this room's notifications (/mute off to undo)",
    run: async (domain, user, call) => {
      const off = call.text.trim().toLowerCase() === "off";
      await setNotifyLevel(domain, user, call.room, off ? "all" : "mute");
      return tell(off ? `${call.room} notifies you again` : `${call.room} is muted`);
    },
  },
  {
    command: "/away",
    usage: "/away",
    description: "Appear away, or back again",
    run: async (domain, user) => {
      const { awayChosen } = await readAvailability(domain, user.id);
      await setAvailability(domain, user, { away: !awayChosen });
      return tell(awayChosen ? "You are back" : "You appear away");
    },
  },
  {
    command: "/dnd",
    usage: "/dnd 1h | off",
    description: "Do not disturb for a while (30m, 1h, 2d), or off",
    run: async (domain, user, call) => {
      const text = call.text.trim().toLowerCase();
      if (text === "off") {
        await setAvailability(domain, user, { dnd: null });
        return tell("Do-not-disturb is off");
      }
      const duration = text === "" ? 60 * 60_000 : parseDuration(text);
      if (duration === undefined) throw new Refusal("BAD_REQUEST", "Say how long: /dnd 30m, /dnd 1h, /dnd 2d, or /dnd off");
      const until = new Date(domain.now() + duration).toISOString();
      await setAvailability(domain, user, { dnd: { until } });
      return tell(`Do-not-disturb until ${until}`);
    },
  },
  {
    command: "/status",
    usage: "/status [emoji] text | clear",
    description: "Set your custom status, or clear it",
    run: async (domain, user, call) => {
      const text = call.text.trim();
      if (text === "" || text.toLowerCase() === "clear") {
        await setAvailability(domain, user, { customStatus: null });
        return tell("Your status is cleared");
      }
      const [first = "", ...rest] = text.split(/\s+/u);
      const emoji = /\p{Extended_Pictographic}/u.test(first) && !/[\p{L}\p{N}]/u.test(first) ? first : "";
      const statusText = emoji ? rest.join(" ") : text;
      await setAvailability(domain, user, { customStatus: { emoji, text: statusText, expiresAt: null } });
      return tell(`Your status: ${[emoji, statusText].filter(Boolean).join(" ")}`);
    },
  },
  {
    command: "/help",
    usage: "/help",
    description: "List the commands",
    // The custom commands are added by commands.ts, which knows them.
    run: () => Promise.resolve(tell(BUILT_INS.map((builtIn) => `${builtIn.usage} — ${builtIn.description}`).join("\n"))),
  },
];
