/** One email, in plain text and HTML. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** Where emails go out (SMTP, by notify/smtpMailer.ts); the domain only says what to send. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}
