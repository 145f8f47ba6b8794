import type { EmojiLocale } from "./emojiData";

/** The picker's own words; the app's dictionary is not needed to show an emoji grid. */
export const PICKER_TEXT = {
  en: {
    title: "Emoji",
    search: "Search emoji",
    recent: "Recently used",
    custom: "Custom",
    all: "All emoji",
    results: "Results",
    noResults: "No emoji found",
    loading: "Loading emoji…",
    failed: "Emoji could not be loaded. Try again later.",
    skinTone: "Skin tone",
    tones: ["Default", "Light", "Medium-light", "Medium", "Medium-dark", "Dark"],
    close: "Close",
  },
  "zh-CN": {
    title: "表情",
    search: "搜索表情",
    recent: "最近使用",
    custom: "自定义",
    all: "全部表情",
    results: "搜索结果",
    noResults: "没有找到表情",
    loading: "正在加载表情…",
    failed: "表情加载失败，请稍后再试。",
    skinTone: "肤色",
    tones: ["默认", "浅肤色", "中等浅肤色", "中等肤色", "中等深肤色", "深肤色"],
    close: "关闭",
  },
} satisfies Record<EmojiLocale, unknown>;
