import type { NewJob, NotifyTarget } from "../../storage/index.js";
import { isDoNotDisturb } from "../availability.js";
import type { Domain } from "../context.js";

/** Why someone is told: the first that applies, in this order. */
export type Reason = "dm" | "mention" | "thread" | "keyword" | "message";

/** Rooms bigger than this tell their members of mentions only, unless a member chose otherwise. */
export const QUIET_ROOM_MEMBERS = 20;

export interface SentMessage {
  roomId: number;
  roomKind: "public" | "private" | "dm";
  memberCount: number;
  messageId: number;
  seq: number;
  authorId: number;
  text: string;
  mentionIds: readonly number[];
  mentionsRoom: boolean;
  /** The author of the thread's first message, for a reply. */
  threadAuthorId?: number | undefined;
}

/** A member's level in a room: the one they chose, else the room's size decides. */
export function effectiveLevel(target: Pick<NotifyTarget, "notify" | "notify_chosen">, memberCount: number): NotifyTarget["notify"] {
  if (target.notify_chosen) return target.notify;
  return memberCount > QUIET_ROOM_MEMBERS ? "mentions" : "all";
}

/** Whether and why a member is told of a message. A muted room tells nothing, a DM included. */
export function reasonFor(target: NotifyTarget, sent: SentMessage): Reason | undefined {
  const level = effectiveLevel(target, sent.memberCount);
  if (level === "mute") return undefined;
  if (sent.roomKind === "dm") return "dm";
  if (sent.mentionsRoom || sent.mentionIds.includes(target.user_id)) return "mention";
  if (sent.threadAuthorId === target.user_id) return "thread";
  if (matchesKeyword(target.keywords, sent.text)) return "keyword";
  return level === "all" ? "message" : undefined;
}

/** Keywords are whole words or phrases, any case; Chinese has no word breaks, so there a keyword is any substring. */
export function matchesKeyword(keywords: string, text: string): boolean {
  const lower = text.toLocaleLowerCase();
  return keywords
    .split("\n")
    .filter((keyword) => keyword !== "")
    .some((keyword) => {
      const at = lower.indexOf(keyword.toLocaleLowerCase());
      if (at < 0) return false;
      if (!/^\w/.test(keyword)) return true;
      const before = lower[at - 1] ?? " ";
      const after = lower[at + keyword.length] ?? " ";
      return !/\w/.test(before) && !/\w/.test(after);
    });
}

/** Only DMs and mentions are worth an email. */
const EMAILED: ReadonlySet<Reason> = new Set(["dm", "mention"]);

/**
 * Decides, for one committed message, who is told and why, and queues that work in the database (answering
 * whether it queued any). Pushes go to members with no connected tab (a connected tab shows the message
 * itself); emails wait the delay and go only if the message is still unread then.
 */
export async function queueNotices(domain: Domain, sent: SentMessage): Promise<boolean> {
  if (!(await domain.notices.anyoneReachable(() => domain.store.anyoneToNotify(), domain.now()))) return false;
  const targets = await domain.store.notifyTargets(sent.roomId, sent.authorId);
  if (targets.length === 0) return false;
  const now = domain.now();
  const told: { target: NotifyTarget; reason: Reason }[] = [];
  for (const target of targets) {
    const reason = reasonFor(target, sent);
    if (reason && !(await isDoNotDisturb(domain, target.user_id, now))) told.push({ target, reason });
  }
  if (told.length === 0) return false;
  const online = new Set((await domain.presence.online()).map((user) => user.id));
  const job = (userId: number, reason: Reason) => ({ user_id: userId, message_id: sent.messageId, room_id: sent.roomId, seq: sent.seq, reason });
  const pushed = told.filter(({ target }) => target.subscriptions > 0 && !online.has(target.user_id));
  const reasons = new Map(pushed.map(({ target, reason }) => [target.user_id, reason]));
  const subscriptions = await domain.store.subscriptionIdsOf([...reasons.keys()]);
  const jobs: NewJob[] = subscriptions.flatMap(({ id, user_id }) => {
    const reason = reasons.get(user_id);
    return reason ? [{ ...job(user_id, reason), channel: "push" as const, subscription_id: id, due_at: now }] : [];
  });
  if (domain.mailer) {
    const dueAt = now + domain.settings.emailNotifyDelayMin * 60_000;
    for (const { target, reason } of told) {
      if (target.email_verified_at !== null && EMAILED.has(reason))
        jobs.push({ ...job(target.user_id, reason), channel: "email", subscription_id: null, due_at: dueAt });
    }
  }
  await domain.store.enqueueJobs(jobs);
  return jobs.length > 0;
}
