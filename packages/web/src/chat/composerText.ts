import { useLocale } from "../i18n/I18n";

const en = {
  charactersLeft: (left: number) => `${left} characters left`,
  charactersOver: (over: number) => `${over} characters too many`,
  retryUnsent: "Try again",
  formattingHelp: "Formatting help",
  formattingTitle: "Formatting",
  /** What to type, and what it gives: the left column is shown as code. */
  formattingRows: [
    ["**bold**", "bold"],
    ["_italic_", "italic"],
    ["~~struck~~", "struck out"],
    ["`code`", "code"],
    ["```\ncode block\n```", "a code block (```js colours it)"],
    ["> quote", "a quote"],
    ["- item", "a list"],
    ["1. item", "a numbered list"],
    ["| a | b |\n|---|---|\n| 1 | 2 |", "a table"],
    [":tada:", "an emoji"],
    ["@name", "mentions someone"],
  ] as [string, string][],
  formattingKeys: "Shift+Enter adds a line. ↑ in an empty box edits your last message.",
};

export type ComposerText = typeof en;

const zhCN: ComposerText = {
  charactersLeft: (left) => `还可输入 ${left} 个字符`,
  charactersOver: (over) => `超出 ${over} 个字符`,
  retryUnsent: "重试",
  formattingHelp: "格式帮助",
  formattingTitle: "格式",
  formattingRows: [
    ["**粗体**", "粗体"],
    ["_斜体_", "斜体"],
    ["~~删除线~~", "删除线"],
    ["`代码`", "行内代码"],
    ["```\n代码块\n```", "代码块（```js 会着色）"],
    ["> 引用", "引用"],
    ["- 项目", "列表"],
    ["1. 项目", "编号列表"],
    ["| a | b |\n|---|---|\n| 1 | 2 |", "表格"],
    [":tada:", "表情"],
    ["@名字", "提及某人"],
  ],
  formattingKeys: "Shift+Enter 换行。输入框为空时按 ↑ 编辑你的上一条消息。",
};

const texts = { en, "zh-CN": zhCN } as const;

/** The composer's own words (counter, formatting help), in the reader's language. */
export function useComposerText(): ComposerText {
  return texts[useLocale()];
}
