import { useState } from "react";
import { useChat } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";

export function CreateRoomForm() {
  const { t } = useI18n();
  const { store } = useChat();
  const [name, setName] = useState("");
  const [isPrivate, setPrivate] = useState(false);
  return (
    <form
      className="create-room"
      aria-labelledby="create-room-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (!name.trim()) return;
        void store.createRoom(name.trim(), isPrivate);
        setName("");
      }}
    >
      <h2 id="create-room-title">{t.createRoom}</h2>
      <input
        aria-label={t.roomName}
        placeholder={t.roomName}
        value={name}
        onChange={(event) => setName(event.target.value)}
        data-testid="new-room-name"
        maxLength={32}
      />
      <label className="check">
        <input type="checkbox" checked={isPrivate} onChange={(event) => setPrivate(event.target.checked)} data-testid="new-room-private" />
        {t.privateRoom}
      </label>
      <button type="submit" className="small" data-testid="create-room">
        {t.create}
      </button>
    </form>
  );
}
