import { languageOf } from "./texts.js";

/** One missed message as an email lists it. */
export interface MissedLine {
  room: string;
  direct: boolean;
  author: string;
  text: string;
  link: string;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const words = {
  en: {
    verifySubject: "Confirm your email address for Natter",
    verifyBody: (name: string) => `Hello ${name}, open this link to get emails about messages you miss on Natter:`,
    verifyIgnore: "If you did not ask for this, ignore this email.",
    missedSubject: (count: number) => (count === 1 ? "You missed a message on Natter" : `You missed ${count} messages on Natter`),
    missedIntro: "While you were away:",
    direct: "direct message",
    unsubscribe: "Stop these emails",
    page: {
      verified: "Your email address is confirmed.",
      unsubscribed: "You will get no more emails from Natter.",
      confirm: "Stop emails from Natter?",
      button: "Unsubscribe",
      invalid: "This link is used, expired or not valid.",
    },
  },
  "zh-CN": {
    verifySubject: "确认你在 Natter 的邮箱地址",
    verifyBody: (name: string) => `${name}，你好！打开下面的链接，即可在 Natter 上错过消息时收到邮件：`,
    verifyIgnore: "如果这不是你的操作，请忽略这封邮件。",
    missedSubject: (count: number) => `你在 Natter 错过了 ${count} 条消息`,
    missedIntro: "你不在的时候：",
    direct: "私信",
    unsubscribe: "不再接收这些邮件",
    page: {
      verified: "你的邮箱地址已确认。",
      unsubscribed: "你将不再收到 Natter 的邮件。",
      confirm: "不再接收 Natter 的邮件？",
      button: "退订",
      invalid: "此链接已使用、已过期或无效。",
    },
  },
} as const;

export function emailTexts(language: string) {
  const w = words[languageOf(language)];
  return {
    page: w.page,
    verify(name: string, link: string) {
      return {
        subject: w.verifySubject,
        text: `${w.verifyBody(name)}\n\n${link}\n\n${w.verifyIgnore}\n`,
        html: `<p>${escape(w.verifyBody(name))}</p><p><a href="${escape(link)}">${escape(link)}</a></p><p>${escape(w.verifyIgnore)}</p>`,
      };
    },
    missed(lines: readonly MissedLine[], unsubscribeLink: string) {
      const where = (line: MissedLine) => (line.direct ? w.direct : `#${line.room}`);
      return {
        subject: w.missedSubject(lines.length),
        text: [
          w.missedIntro,
          "",
          ...lines.map((line) => `${where(line)} · ${line.author}: ${line.text}\n${line.link}\n`),
          `${w.unsubscribe}: ${unsubscribeLink}`,
        ].join("\n"),
        html: [
          `<p>${escape(w.missedIntro)}</p><ul>`,
          ...lines.map((line) => `<li><a href="${escape(line.link)}">${escape(where(line))}</a> · <b>${escape(line.author)}</b>: ${escape(line.text)}</li>`),
          `</ul><p><a href="${escape(unsubscribeLink)}">${escape(w.unsubscribe)}</a></p>`,
        ].join(""),
      };
    },
  };
}

/** The small pages the links of an email open. */
export function emailPage(language: string, body: string): string {
  const lang = languageOf(language);
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Natter</title></head><body><main>${body}</main></body></html>`;
}

export { escape as escapeHtml };
