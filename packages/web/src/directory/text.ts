import { useI18n } from "../i18n/I18n";

const en = {
  directory: "Room directory",
  openDirectory: "Browse rooms",
  closeDirectory: "Close the room directory",
  searchRooms: "Find a room by name or topic",
  noRooms: "No public room matches.",
  loading: "Loading…",
  members: (count: number) => (count === 1 ? "1 member" : `${count} members`),
  quiet: "no messages yet",
  active: (when: string) => `active ${when}`,
  join: "Join",
  open: "Open",
  leaveTitle: (room: string) => `Leave ${room}?`,
  leavePrivate: "This room is private: you can come back only if one of its members invites you again.",
  leaveConfirm: "Leave",
  cancel: "Cancel",
};

export type DirectoryText = typeof en;

const zhCN: DirectoryText = {
  directory: "聊天室目录",
  openDirectory: "浏览聊天室",
  closeDirectory: "关闭聊天室目录",
  searchRooms: "按名称或主题查找聊天室",
  noRooms: "没有匹配的公开聊天室。",
  loading: "正在加载…",
  members: (count) => `${count} 名成员`,
  quiet: "还没有消息",
  active: (when) => `${when}活跃`,
  join: "加入",
  open: "打开",
  leaveTitle: (room) => `离开 ${room}？`,
  leavePrivate: "这是私密聊天室：离开后，只有其成员再次邀请你才能回来。",
  leaveConfirm: "离开",
  cancel: "取消",
};

const texts = { en, "zh-CN": zhCN } as const;

export function useDirectoryText(): DirectoryText {
  return texts[useI18n().locale];
}

/** How long ago, in the reader's language ("3 minutes ago", "3分钟前"). */
export function ago(locale: "en" | "zh-CN", iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  return format.format(0, "second");
}
