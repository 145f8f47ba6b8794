import { SmtpInbox, linksOf } from "../../../../server/test/notifications/smtpInbox.js";

/** The server tests' SMTP inbox, with the one thing a browser test asks of it: the link mailed to someone. */
export function smtpInboxForTests() {
  const inbox = new SmtpInbox();
  return {
    start: () => inbox.start(),
    stop: () => inbox.stop(),
    linkTo: (address: string) => inbox.to(address).flatMap(linksOf).at(-1),
  };
}
