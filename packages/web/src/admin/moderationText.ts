import { useI18n } from "../i18n/I18n";

/** The words of the console's Rooms and Reports tabs. */
const en = {
  more: "More",
  roomsTitle: "Rooms",
  roomsSearch: "Find a room",
  roomsFind: "Find",
  roomsEmpty: "No rooms match.",
  roomName: "Room",
  roomKind: "Kind",
  roomMembers: "Members",
  roomMessages: "Messages",
  roomActivity: "Last message",
  roomActions: "Actions",
  never: "never",
  kinds: { public: "public", private: "private", dm: "direct" },
  archivedMark: "archived",
  archive: (room: string) => `Archive ${room}`,
  unarchive: (room: string) => `Unarchive ${room}`,
  deleteRoom: (room: string) => `Delete ${room}`,
  confirmDelete: (room: string) => `Delete ${room} and all its messages and files for everyone? This cannot be undone.`,
  reallyDelete: "Delete for good",
  cancel: "Cancel",
  deletedRoom: (room: string) => `${room} was deleted.`,
  reportsTitle: "Open reports",
  reportsEmpty: "No open reports.",
  reportedBy: (reporter: string, when: string) => `Reported by ${reporter}, ${when}`,
  reportIn: (author: string, room: string) => `${author} in #${room}`,
  reason: "Reason",
  messageGone: "(message deleted)",
  dismiss: "Dismiss",
  deleteMessage: "Delete the message",
  banAuthor: (author: string, room: string) => `Ban ${author} from #${room}`,
  resolved: { dismissed: "Dismissed.", deleted: "Message deleted.", banned: "Author banned." },
};

export type ModerationConsoleText = typeof en;

const zhCN: ModerationConsoleText = {
  more: "更多",
  roomsTitle: "聊天室",
  roomsSearch: "查找聊天室",
  roomsFind: "查找",
  roomsEmpty: "没有符合条件的聊天室。",
  roomName: "聊天室",
  roomKind: "类型",
  roomMembers: "成员",
  roomMessages: "消息",
  roomActivity: "最后消息",
  roomActions: "操作",
  never: "从未",
  kinds: { public: "公开", private: "私密", dm: "私聊" },
  archivedMark: "已归档",
  archive: (room: string) => `归档 ${room}`,
  unarchive: (room: string) => `取消归档 ${room}`,
  deleteRoom: (room: string) => `删除 ${room}`,
  confirmDelete: (room: string) => `要为所有人删除 ${room} 及其全部消息和文件吗？此操作无法撤销。`,
  reallyDelete: "永久删除",
  cancel: "取消",
  deletedRoom: (room: string) => `${room} 已删除。`,
  reportsTitle: "待处理的举报",
  reportsEmpty: "没有待处理的举报。",
  reportedBy: (reporter: string, when: string) => `${reporter} 于 ${when} 举报`,
  reportIn: (author: string, room: string) => `${author} 在 #${room}`,
  reason: "理由",
  messageGone: "（消息已删除）",
  dismiss: "驳回",
  deleteMessage: "删除该消息",
  banAuthor: (author: string, room: string) => `将 ${author} 封禁出 #${room}`,
  resolved: { dismissed: "已驳回。", deleted: "消息已删除。", banned: "作者已被封禁。" },
};

const texts = { en, "zh-CN": zhCN } as const;

export function useModerationText(): ModerationConsoleText {
  return texts[useI18n().locale];
}
