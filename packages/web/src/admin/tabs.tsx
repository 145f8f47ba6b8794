import type { NatterClient } from "@natter/client";
import type { User } from "@natter/protocol";
import type { ComponentType } from "react";
import type { Locale } from "../i18n/dictionary";
import { AuditTab } from "./AuditTab";
import { ReportsTab } from "./ReportsTab";
import { RoomsTab } from "./RoomsTab";

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
  { id: "rooms", label: { en: "Rooms", "zh-CN": "房间" }, who: "admin", Panel: RoomsTab },
  { id: "reports", label: { en: "Reports", "zh-CN": "举报" }, who: "staff", Panel: ReportsTab },
  { id: "audit", label: { en: "Audit", "zh-CN": "审计" }, who: "admin", Panel: AuditTab },
];

export function tabsFor(me: User): ConsoleTab[] {
  return consoleTabs.filter((tab) => me.role === "admin" || (tab.who === "staff" && me.role === "moderator"));
}
