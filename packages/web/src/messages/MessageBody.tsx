/** A message's text, as text: React escapes it, so nothing a user typed becomes markup. */
export function MessageBody({ text }: { text: string }) {
  return <span className="message-text">{text}</span>;
}
