import { useI18n } from "../i18n/I18n";

const en = {
  console: "Admin",
  openConsole: "Open the admin console",
  consoleTitle: "Administration",
  tabs: "Console sections",
  backToChat: "Back to chat",
  nothingForYou: "There is nothing in the console for your role.",
  loading: "Loading…",
  more: "More",
  failed: (message: string) => `That did not work: ${message}`,
  // Audit
  auditTitle: "Audit log",
  auditAction: "Action",
  auditActor: "Actor",
  auditTime: "Time",
  auditTarget: "Target",
  auditAddress: "Address",
  auditDetails: "Details",
  auditSince: "From",
  auditUntil: "Until",
  auditFilter: "Filter",
  auditEmpty: "No entries match.",
  auditExport: "Export as JSON lines",
};

export type ConsoleText = typeof en;

const zhCN: ConsoleText = {
  console: "管理",
  openConsole: "打开管理控制台",
  consoleTitle: "管理控制台",
  tabs: "控制台栏目",
  backToChat: "返回聊天",
  nothingForYou: "控制台中没有适用于你角色的内容。",
  loading: "正在加载…",
  more: "更多",
  failed: (message) => `操作失败：${message}`,
  auditTitle: "审计日志",
  auditAction: "操作",
  auditActor: "操作者",
  auditTime: "时间",
  auditTarget: "对象",
  auditAddress: "地址",
  auditDetails: "详情",
  auditSince: "开始",
  auditUntil: "结束",
  auditFilter: "筛选",
  auditEmpty: "没有符合条件的记录。",
  auditExport: "导出为 JSON Lines",
};

const texts = { en, "zh-CN": zhCN } as const;

export function useConsoleText(): ConsoleText {
  return texts[useI18n().locale];
}
