import { useI18n } from "../i18n/I18n";

const en = {
  title: "Search",
  open: "Search messages",
  close: "Close search",
  query: "Search for",
  placeholder: "Words to find",
  submit: "Search",
  filters: "Filters",
  room: "Room",
  anyRoom: "All rooms",
  author: "From",
  authorPlaceholder: "Name",
  fromDate: "After",
  toDate: "Before",
  hasFile: "Has a file",
  searching: "Searching…",
  noResults: "Nothing found.",
  more: "More results",
  results: "Results",
  files: (count: number) => (count === 1 ? "1 file" : `${count} files`),
};

export type SearchText = typeof en;

const zhCN: SearchText = {
  title: "搜索",
  open: "搜索消息",
  close: "关闭搜索",
  query: "搜索内容",
  placeholder: "要查找的文字",
  submit: "搜索",
  filters: "筛选",
  room: "聊天室",
  anyRoom: "所有聊天室",
  author: "发送者",
  authorPlaceholder: "名字",
  fromDate: "起始日期",
  toDate: "截止日期",
  hasFile: "含文件",
  searching: "正在搜索…",
  noResults: "没有找到。",
  more: "更多结果",
  results: "结果",
  files: (count) => `${count} 个文件`,
};

const texts = { en, "zh-CN": zhCN } as const;

export function useSearchText(): SearchText {
  return texts[useI18n().locale];
}
