import { escapeHtml } from "./emailTexts.js";
import { languageOf } from "./texts.js";

const words = {
  en: {
    subject: "Reset your Natter password",
    body: (name: string) => `Someone asked to reset the password of the Natter account "${name}". Open this link within an hour to choose a new one:`,
    ignore: "If it was not you, ignore this email: your password stays as it is.",
  },
  "zh-CN": {
    subject: "重置你的 Natter 密码",
    body: (name: string) => `有人请求重置 Natter 账号“${name}”的密码。请在一小时内打开下面的链接设置新密码：`,
    ignore: "如果这不是你的操作，请忽略这封邮件，你的密码不会改变。",
  },
} as const;

/** The mail with a one-time password reset link. */
export function resetMail(language: string, username: string, link: string): { subject: string; text: string; html: string } {
  const w = words[languageOf(language)];
  return {
    subject: w.subject,
    text: `${w.body(username)}\n\n${link}\n\n${w.ignore}\n`,
    html: `<p>${escapeHtml(w.body(username))}</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p>${escapeHtml(w.ignore)}</p>`,
  };
}
