import type { NatterClient } from "@natter/client";
import type { User } from "@natter/protocol";
import type { ComponentType } from "react";
import type { Locale } from "../i18n/dictionary";
import { AuditTab } from "./AuditTab";
import { CommandsTab } from "./CommandsTab";
import { ImportTab } from "./ImportTab";
import { EmojiTab } from "./EmojiTab";
import { InvitesTab } from "./InvitesTab";
import { OverviewTab } from "./OverviewTab";
import { PeopleTab } from "./PeopleTab";
import { ReportsTab } from "./ReportsTab";
import { RoomsTab } from "./RoomsTab";
import { SettingsTab } from "./SettingsTab";

export interface TabProps {
  client: NatterClient;
  me: User;
}

export interface ConsoleTab {
  /** The tab's address: `/admin/<id>`. */
  id: string;
  label: Record<Locale, string>;
  /** `admin`: admins only; `staff`: admins and moderators. The server hides the routes the same way. */
  who: "admin" | "staff";
  Panel: ComponentType<TabProps>;
}

/** The console's tabs in the order shown. One line each, so every feature adds its own. */
export const consoleTabs: readonly ConsoleTab[] = [
  { id: "overview", label: { en: "Overview", "zh-CN": "概览" }, who: "admin", Panel: OverviewTab },
  { id: "people", label: { en: "People", "zh-CN": "用户" }, who: "admin", Panel: PeopleTab },
  { id: "rooms", label: { en: "Rooms", "zh-CN": "聊天室" }, who: "admin", Panel: RoomsTab },
  { id: "invites", label: { en: "Invites", "zh-CN": "邀请" }, who: "admin", Panel: InvitesTab },
  { id: "emoji", label: { en: "Emoji", "zh-CN": "表情" }, who: "admin", Panel: EmojiTab },
  { id: "settings", label: { en: "Settings", "zh-CN": "设置" }, who: "admin", Panel: SettingsTab },
  { id: "import", label: { en: "Import", "zh-CN": "导入" }, who: "admin", Panel: ImportTab },
  { id: "commands", label: { en: "Commands", "zh-CN": "命令" }, who: "admin", Panel: CommandsTab },
  { id: "reports", label: { en: "Reports", "zh-CN": "举报" }, who: "staff", Panel: ReportsTab },
  { id: "audit", label: { en: "Audit", "zh-CN": "审计" }, who: "admin", Panel: AuditTab },
];

export function tabsFor(me: User): ConsoleTab[] {
  return consoleTabs.filter((tab) => me.role === "admin" || (tab.who === "staff" && me.role === "moderator"));
}
