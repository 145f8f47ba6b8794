import { useI18n } from "../i18n/I18n";

const en = {
  invite: "Invite code",
  inviteHint: "Registering on this server needs an invite: paste its code, or open the invite link.",
  registrationClosed: "Registration is closed on this server: ask an admin for an account.",
  resetTitle: "Set a new password",
  resetHint: "This one-time link sets the password of your account; every other session ends.",
  newPassword: "New password",
  resetSubmit: "Set password and log in",
  deactivated: "deactivated",
};

export type AccessText = typeof en;

const zhCN: AccessText = {
  invite: "邀请码",
  inviteHint: "在此服务器注册需要邀请：请粘贴邀请码，或打开邀请链接。",
  registrationClosed: "此服务器已关闭注册：请向管理员申请账号。",
  resetTitle: "设置新密码",
  resetHint: "此一次性链接用于设置你账号的密码；其他所有会话都会结束。",
  newPassword: "新密码",
  resetSubmit: "设置密码并登录",
  deactivated: "已停用",
};

const texts = { en, "zh-CN": zhCN } as const;

/** Texts of who gets in (invites, closed registration, reset links), beside the shared dictionary. */
export function useAccessText(): AccessText {
  return texts[useI18n().locale];
}
