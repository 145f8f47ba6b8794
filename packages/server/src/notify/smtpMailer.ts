import nodemailer from "nodemailer";
import type { Mail, Mailer } from "../domain/notifications/mailer.js";

/** Mail through the SMTP server of SMTP_URL, from MAIL_FROM. */
export function smtpMailer(smtpUrl: string, from: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail: Mail) {
      await transport.sendMail({ from, ...mail });
    },
    close: () => transport.close(),
  };
}
