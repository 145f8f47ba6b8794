import type { RoomSummary } from "@natter/protocol";
import { useEffect, useId, useRef, useState } from "react";
import { useFocusTrap } from "../attachments/useFocusTrap";
import { useChat } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";
import { useDirectoryText } from "./text";

/**
 * "Leave room". A public room is left at once (the directory brings one back); a private one asks first,
 * since only an invitation lets one back in. Escape or Cancel keeps the room, and focus returns to the button.
 */
export function LeaveRoomButton({ room }: { room: RoomSummary }) {
  const { t } = useI18n();
  const { store } = useChat();
  const [asking, setAsking] = useState(false);
  const leave = () => void store.leaveRoom(room.name);
  return (
    <>
      <button type="button" className="small" onClick={() => (room.kind === "private" ? setAsking(true) : leave())} data-testid="leave-room">
        {t.leave}
      </button>
      {asking && <ConfirmLeave room={room.name} onLeave={leave} onCancel={() => setAsking(false)} />}
    </>
  );
}

function ConfirmLeave({ room, onLeave, onCancel }: { room: string; onLeave(): void; onCancel(): void }) {
  const text = useDirectoryText();
  const dialog = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const trap = useFocusTrap(dialog);
  const titleId = useId();
  const bodyId = useId();
  // After the trap has noted who had focus (to give it back): the safe answer is the one under the keyboard.
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      ref={dialog}
      className="dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === "Escape") onCancel();
        else trap(event);
      }}
      data-testid="leave-dialog"
    >
      <h2 id={titleId}>{text.leaveTitle(room)}</h2>
      <p id={bodyId}>{text.leavePrivate}</p>
      <div className="row">
        <button type="button" className="danger" onClick={onLeave} data-testid="confirm-leave">
          {text.leaveConfirm}
        </button>
        <button ref={cancel} type="button" onClick={onCancel} data-testid="cancel-leave">
          {text.cancel}
        </button>
      </div>
    </div>
  );
}
