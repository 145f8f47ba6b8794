import { MessageText } from "../content";

/** A message's text as sanitised markdown: see content/messageText.tsx for what may become markup. */
export function MessageBody({ text }: { text: string }) {
  return <MessageText text={text} />;
}
