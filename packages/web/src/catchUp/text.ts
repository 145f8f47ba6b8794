import { useI18n } from "../i18n/I18n";

const en = {
  mentions: "Mentions",
  threads: "Threads",
  openMentions: "Show every mention of you",
  openThreads: "Show your threads",
  closeMentions: "Close mentions",
  closeThreads: "Close threads",
  noMentions: "Nobody has mentioned you yet.",
  noThreads: "No threads yet: start one with Reply, or answer one.",
  loading: "Loading…",
  more: "Older",
  unread: "unread",
  unreadReplies: (count: number) => (count === 1 ? "1 new reply" : `${count} new replies`),
  replies: (count: number) => (count === 1 ? "1 reply" : `${count} replies`),
  badge: (count: number) => `${count} unread`,
};

export type CatchUpText = typeof en;

const zhCN: CatchUpText = {
  mentions: "提及",
  threads: "话题",
  openMentions: "查看所有提到你的消息",
  openThreads: "查看你的话题",
  closeMentions: "关闭提及",
  closeThreads: "关闭话题列表",
  noMentions: "还没有人提到你。",
  noThreads: "还没有话题：用“回复”开始一个，或回复别人的话题。",
  loading: "正在加载…",
  more: "更早的",
  unread: "未读",
  unreadReplies: (count) => `${count} 条新回复`,
  replies: (count) => `${count} 条回复`,
  badge: (count) => `${count} 条未读`,
};

const texts = { en, "zh-CN": zhCN } as const;

export function useCatchUpText(): CatchUpText {
  return texts[useI18n().locale];
}
