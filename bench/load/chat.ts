import { messageText, now, type ChatSpec, type Reply } from "./protocol.js";
import type { Client } from "./worker.js";

type Action = keyof ChatSpec["perMinute"];
type Chatted = Extract<Reply, { type: "chatted" }>;

const TICK_MS = 5;
/** A generator that fell this far behind starts its gaps again from now rather than firing a burst. */
const LATE_MS = 100;
const EMOJI = ["👍", "🎉", "😄", "👀"];

/**
 * People chatting for `durationMs`: sends (typing first), reactions, read marks, history pages and reconnects, each a
 * Poisson process over this worker's people. Probes never reconnect, so what they receive is a clean loss check.
 */
export async function chat(people: Client[], spec: ChatSpec): Promise<Chatted> {
  const sentByRoom: Record<string, number> = {};
  const actions: Record<string, number> = {};
  const ackLatenciesMs: number[] = [];
  // Reactions go to the seeded messages: the update of a benchmark message would carry its marker again, and the
  // counters would take it for a duplicate delivery.
  const seeded = new Map(Object.entries(spec.newest));
  const newest = new Map(seeded);
  const away = new Set<Client>();
  let ackErrors = 0;
  let firstAckError: string | undefined;
  let inFlight = 0;
  let count = 0;
  const count1 = (action: string) => void (actions[action] = (actions[action] ?? 0) + 1);
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(Math.random() * list.length)];
  const refused = (answer: string) => {
    if (!answer.includes('"ok":false')) return false;
    ackErrors += 1;
    firstAckError ??= answer.slice(0, 300);
    return true;
  };
  /** Asks and counts the answer; the drain at the end waits for every answer. */
  const ask = (person: Client, event: string, payload: Record<string, unknown>, then?: (answer: string) => void) => {
    inFlight += 1;
    person.request(event, payload, (answer) => {
      inFlight -= 1;
      if (!refused(answer)) then?.(answer);
    });
  };
  const roomWithMessage = (person: Client) => pick((person.spec.member ?? person.spec.rooms).filter((room) => newest.has(room)));

  const act: Record<Action, (person: Client) => void> = {
    send(person) {
      const room = weighted(person.spec.postsIn ?? []);
      if (!room) return;
      person.notify("typing", { room, typing: true });
      inFlight += 1;
      setTimeout(() => {
        inFlight -= 1;
        const key = `${room}/${spec.tag}${count++}`;
        const sentAt = now();
        sentByRoom[room] = (sentByRoom[room] ?? 0) + 1;
        inFlight += 1;
        person.request("send_message", { room, text: messageText(key, sentAt), clientMsgId: `c${spec.tag}-${count}` }, (answer) => {
          inFlight -= 1;
          // A refused message reaches nobody, so no probe owes it.
          if (refused(answer)) return void (sentByRoom[room] = (sentByRoom[room] ?? 1) - 1);
          ackLatenciesMs.push(now() - sentAt);
          const [result] = JSON.parse(answer.slice(answer.indexOf("["))) as [{ message?: { id: number; seq: number } }];
          const message = result.message;
          if (message && message.seq > (newest.get(room)?.seq ?? 0)) newest.set(room, { id: message.id, seq: message.seq });
        });
      }, spec.typingMs);
    },
    react(person) {
      const room = roomWithMessage(person);
      const message = room === undefined ? undefined : seeded.get(room);
      if (room && message) ask(person, "react", { room, id: message.id, emoji: pick(EMOJI), on: true });
    },
    read(person) {
      const room = roomWithMessage(person);
      const message = room === undefined ? undefined : newest.get(room);
      if (room && message) ask(person, "mark_read", { room, seq: message.seq });
    },
    history(person) {
      const room = pick(person.spec.member ?? person.spec.rooms);
      const before = room === undefined ? undefined : newest.get(room)?.seq;
      if (room) ask(person, "history", { room, limit: 50, ...(before && before > 1 ? { before } : {}) });
    },
    reconnect(person) {
      if (person.spec.probe || away.has(person)) return;
      away.add(person);
      inFlight += 1;
      person
        .reconnect()
        .catch((error: unknown) => {
          ackErrors += 1;
          firstAckError ??= `reconnect: ${String(error)}`;
        })
        .finally(() => {
          inFlight -= 1;
          away.delete(person);
        });
    },
  };

  const started = now();
  const deadline = started + spec.durationMs;
  const processes = (Object.keys(act) as Action[])
    .map((action) => ({ action, rate: (people.length * spec.perMinute[action]) / 60, nextAt: 0 }))
    .filter((process) => process.rate > 0);
  for (const process of processes) process.nextAt = started + gapMs(process.rate);
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const at = Math.min(now(), deadline);
      for (const process of processes) {
        if (at - process.nextAt > LATE_MS) process.nextAt = at;
        while (process.nextAt <= at) {
          const person = pick(people);
          if (person && !away.has(person)) {
            count1(process.action);
            act[process.action](person);
          }
          process.nextAt += gapMs(process.rate);
        }
      }
      if (at >= deadline) {
        clearInterval(tick);
        resolve();
      }
    }, TICK_MS);
  });
  const drainBy = now() + 60_000;
  while (inFlight > 0 && now() < drainBy) await new Promise((resolve) => setTimeout(resolve, 20));
  return { type: "chatted", sentByRoom, actions, ackErrors, firstAckError, ackLatenciesMs };
}

function gapMs(rate: number): number {
  return (-Math.log(1 - Math.random()) * 1000) / rate;
}

function weighted(choices: readonly { room: string; weight: number }[]): string | undefined {
  const total = choices.reduce((sum, choice) => sum + choice.weight, 0);
  let at = Math.random() * total;
  for (const choice of choices) {
    at -= choice.weight;
    if (at <= 0) return choice.room;
  }
  return choices.at(-1)?.room;
}
