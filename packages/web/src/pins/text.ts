import { useI18n } from "../i18n/I18n";

const en = {
  more: "More actions",
  pin: "Pin to the room",
  unpin: "Unpin",
  save: "Save for later",
  unsave: "Remove from saved",
  copyLink: "Copy link",
  linkCopied: "Link copied",
  pins: "Pinned",
  openPins: (count: number | null) => (count === null ? "Pinned messages" : `Pinned messages (${count})`),
  closePins: "Close pinned messages",
  noPins: "Nothing is pinned here yet: pin a message from its ⋯ menu.",
  pinnedBy: (name: string) => `pinned by ${name}`,
  saved: "Saved",
  openSaved: "Show your saved messages",
  closeSaved: "Close saved messages",
  noSaved: "Nothing saved yet: save a message from its ⋯ menu. Only you see this list.",
  more_: "More",
  pinnedNotice: (name: string) => `${name} pinned a message`,
  unpinnedNotice: (name: string) => `${name} unpinned a message`,
  show: "Show",
  dismiss: "Dismiss",
};

export type PinsText = typeof en;

const zhCN: PinsText = {
  more: "更多操作",
  pin: "置顶到聊天室",
  unpin: "取消置顶",
  save: "收藏",
  unsave: "取消收藏",
  copyLink: "复制链接",
  linkCopied: "链接已复制",
  pins: "置顶",
  openPins: (count) => (count === null ? "置顶消息" : `置顶消息（${count}）`),
  closePins: "关闭置顶消息",
  noPins: "这里还没有置顶消息：可从消息的 ⋯ 菜单置顶。",
  pinnedBy: (name) => `由 ${name} 置顶`,
  saved: "收藏",
  openSaved: "查看你收藏的消息",
  closeSaved: "关闭收藏",
  noSaved: "还没有收藏：可从消息的 ⋯ 菜单收藏。只有你能看到此列表。",
  more_: "更多",
  pinnedNotice: (name) => `${name} 置顶了一条消息`,
  unpinnedNotice: (name) => `${name} 取消置顶了一条消息`,
  show: "查看",
  dismiss: "关闭",
};

const texts = { en, "zh-CN": zhCN } as const;

export function usePinsText(): PinsText {
  return texts[useI18n().locale];
}
