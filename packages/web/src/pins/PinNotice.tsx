import { Pin } from "lucide-react";
import { useChat } from "../chat/ChatContext";
import { usePinsText } from "./text";
import { useLatestPinEvent } from "./usePins";

/** The room's line "X pinned a message", live as it happens, with a way to the message. */
export function PinNotice({ room }: { room: string }) {
  const text = usePinsText();
  const { jumpTo } = useChat();
  const [event, dismiss] = useLatestPinEvent(room);
  if (!event) return null;
  return (
    <p className="pin-notice meta" role="status" data-testid="pin-notice">
      <Pin aria-hidden="true" /> {event.pinned ? text.pinnedNotice(event.by.username) : text.unpinnedNotice(event.by.username)}{" "}
      {event.pinned && (
        <button type="button" className="link" onClick={() => jumpTo(event.seq)}>
          {text.show}
        </button>
      )}{" "}
      <button type="button" className="link" onClick={dismiss}>
        {text.dismiss}
      </button>
    </p>
  );
}
