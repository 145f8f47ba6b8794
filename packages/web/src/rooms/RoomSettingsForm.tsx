import type { RoomSummary } from "@natter/protocol";
import { useState } from "react";
import { useChat } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";

/** Owners and admins rename the room, set its topic, and archive it (read-only) or bring it back. */
export function RoomSettingsForm({ room }: { room: RoomSummary }) {
  const { t } = useI18n();
  const { store } = useChat();
  const [name, setName] = useState(room.name);
  const [topic, setTopic] = useState(room.topic);
  return (
    <form
      className="room-settings"
      aria-labelledby="room-settings-title"
      onSubmit={(event) => {
        event.preventDefault();
        const change = { ...(name.trim() !== room.name ? { name: name.trim() } : {}), ...(topic !== room.topic ? { topic } : {}) };
        if (Object.keys(change).length > 0) void store.updateRoom(room.name, change);
      }}
    >
      <h3 id="room-settings-title">{t.roomSettings}</h3>
      <label>
        {t.roomName}
        <input value={name} onChange={(event) => setName(event.target.value)} maxLength={32} data-testid="room-rename" />
      </label>
      <label>
        {t.topic}
        <input value={topic} onChange={(event) => setTopic(event.target.value)} maxLength={250} data-testid="room-topic" />
      </label>
      <div className="row">
        <button type="submit" className="small" data-testid="room-save">
          {t.save}
        </button>
        <button type="button" className="small" onClick={() => void store.updateRoom(room.name, { archived: !room.archived })} data-testid="room-archive">
          {room.archived ? t.unarchive : t.archive}
        </button>
      </div>
    </form>
  );
}
