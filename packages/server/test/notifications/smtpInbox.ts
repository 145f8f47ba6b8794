import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A real SMTP server on loopback: every email it receives, parsed. */
export class SmtpInbox {
  readonly mails: ParsedMail[] = [];
  /** Recipients whose mailbox answers 550, and how often each was tried. */
  readonly refusing = new Set<string>();
  readonly refused = new Map<string, number>();
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo: (address, _session, callback) => {
      if (!this.refusing.has(address.address)) return callback();
      this.refused.set(address.address, (this.refused.get(address.address) ?? 0) + 1);
      callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
    },
    onData: (stream, _session, callback) => {
      simpleParser(stream)
        .then((mail) => {
          this.mails.push(mail);
          callback();
        })
        .catch(callback);
    },
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  to(address: string): ParsedMail[] {
    return this.mails.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.value.some((to) => to.address === address));
  }
}

/** The links of a mail's text, in order. */
export function linksOf(mail: ParsedMail): string[] {
  return [...(mail.text ?? "").matchAll(/https?:\/\/\S+/g)].map((match) => match[0]);
}
