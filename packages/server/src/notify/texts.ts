import type { Reason } from "../domain/notifications/engine.js";

type Language = "en" | "zh-CN";

const titles: Record<Language, Record<Reason, (author: string, room: string) => string>> = {
  en: {
    dm: (author) => `${author} sent you a message`,
    mention: (author, room) => `${author} mentioned you in #${room}`,
    thread: (author, room) => `${author} replied to your thread in #${room}`,
    keyword: (author, room) => `${author} in #${room} wrote a word you follow`,
    message: (author, room) => `${author} in #${room}`,
  },
  "zh-CN": {
    dm: (author) => `${author} 给你发了消息`,
    mention: (author, room) => `${author} 在 #${room} 提到了你`,
    thread: (author, room) => `${author} 回复了你在 #${room} 的话题`,
    keyword: (author, room) => `${author} 在 #${room} 提到了你关注的词`,
    message: (author, room) => `${author} 在 #${room}`,
  },
};

export function languageOf(stored: string): Language {
  return stored === "zh-CN" ? "zh-CN" : "en";
}

export function noticeTitle(language: string, reason: string, author: string, room: string): string {
  const byReason = titles[languageOf(language)];
  const title = byReason[isReason(reason) ? reason : "message"];
  return title(author, room);
}

function isReason(reason: string): reason is Reason {
  return ["dm", "mention", "thread", "keyword", "message"].includes(reason);
}

/** Where a message opens in the web app: its room (the app reads the room from the hash). */
export function messageLink(publicUrl: string, room: string, seq: number): string {
  return `${publicUrl.replace(/\/+$/, "")}/?seq=${seq}#${encodeURIComponent(room)}`;
}

/** Long texts are cut: a push payload has at most about 4 KB, and a notification shows a few lines. */
export function preview(text: string, length = 180): string {
  const chars = [...text];
  return chars.length <= length ? text : `${chars.slice(0, length - 1).join("")}…`;
}
