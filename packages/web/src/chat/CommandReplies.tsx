import { useEffect, useState } from "react";
import { useI18n } from "../i18n/I18n";
import { useChat } from "./ChatContext";
import { onLocalReply } from "./commandReplies";

interface Shown {
  id: number;
  command: string;
  text: string;
}

let next = 0;

/** A command's answers for this person alone, above the composer until dismissed: never stored, never seen by others. */
export function CommandReplies({ room }: { room: string }) {
  const { t } = useI18n();
  const { store } = useChat();
  const [shown, setShown] = useState<Shown[]>([]);

  useEffect(() => {
    const add = (reply: { room: string; command: string; text: string }) => {
      if (reply.room !== room) return;
      setShown((current) => [...current.slice(-4), { id: ++next, command: reply.command, text: reply.text }]);
    };
    const stopServer = store.server.onCommandReply(add);
    const stopLocal = onLocalReply(add);
    return () => {
      stopServer();
      stopLocal();
    };
  }, [room, store]);

  if (shown.length === 0) return null;
  return (
    <div className="command-replies" role="status" aria-live="polite" data-testid="command-replies">
      {shown.map((reply) => (
        <div key={reply.id} className="command-reply" data-testid="command-reply">
          <span>
            <span className="visually-hidden">{t.commandOnlyYou}: </span>
            <strong>{reply.command}</strong> {reply.text}
          </span>
          <button type="button" className="link" onClick={() => setShown((current) => current.filter((item) => item.id !== reply.id))}>
            {t.commandDismiss}
          </button>
        </div>
      ))}
      <p className="meta">{t.commandOnlyYou}</p>
    </div>
  );
}
