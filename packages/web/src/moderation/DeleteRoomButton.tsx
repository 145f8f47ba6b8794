import type { RoomSummary } from "@natter/protocol";
import { useState } from "react";
import { useChat } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";

/** Deletes the room after a confirmation: for its owners and server admins, never for general. */
export function DeleteRoomButton({ room }: { room: RoomSummary }) {
  const { t } = useI18n();
  const { store } = useChat();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="small danger" onClick={() => setConfirming(true)} data-testid="room-delete">
        {t.deleteRoom}
      </button>
    );
  }
  return (
    <div role="group" aria-label={t.deleteRoomConfirm(room.name)} className="row">
      <p>{t.deleteRoomConfirm(room.name)}</p>
      <button type="button" className="small danger" autoFocus onClick={() => void store.deleteRoom(room.name)} data-testid="room-confirm-delete">
        {t.deleteRoomForGood}
      </button>
      <button type="button" className="small" onClick={() => setConfirming(false)}>
        {t.cancel}
      </button>
    </div>
  );
}
