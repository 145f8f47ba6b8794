import { useEffect, useId, useState, type KeyboardEvent } from "react";
import { useI18n } from "../i18n/I18n";
import { useChat, useChatState } from "./ChatContext";
import { roomTitle } from "./chatState";

const MOST_SHOWN = 12;

/**
 * Ctrl+K (⌘K on a Mac): a searchable list of the rooms one is in. Type to filter, ↑/↓ to choose, Enter to
 * open, Escape to close. A combobox with its listbox, as the ARIA practices describe it.
 */
export function RoomSwitcher({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const { store } = useChat();
  const { rooms, me } = useChatState();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const listId = useId();
  const wanted = query.trim().toLowerCase();
  const found = rooms
    .filter((room) => room.joined)
    .map((room) => ({ room, title: roomTitle(room, me) }))
    .filter(({ room, title }) => wanted === "" || room.name.toLowerCase().includes(wanted) || title.toLowerCase().includes(wanted))
    .slice(0, MOST_SHOWN);
  const chosen = found[Math.min(active, found.length - 1)];

  function open(name: string) {
    store.select(name);
    onClose();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((index) => (Math.min(index, found.length - 1) + step + found.length) % Math.max(found.length, 1));
    } else if (event.key === "Enter" && chosen) {
      event.preventDefault();
      open(chosen.room.name);
    } else if (event.key === "Escape") {
      event.preventDefault();
      onClose();
    }
  }

  return (
    <div className="switcher-backdrop" onClick={onClose}>
      <div
        className="switcher"
        role="dialog"
        aria-modal="true"
        aria-label={t.switchRoom}
        onClick={(event) => event.stopPropagation()}
        data-testid="room-switcher"
      >
        <input
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={chosen ? `${listId}-${chosen.room.name}` : undefined}
          aria-label={t.switchRoom}
          placeholder={t.switchRoomPlaceholder}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          autoFocus
          data-testid="room-switcher-input"
        />
        <ul id={listId} role="listbox" aria-label={t.rooms}>
          {found.map(({ room, title }) => (
            <li
              key={room.name}
              id={`${listId}-${room.name}`}
              role="option"
              aria-selected={room.name === chosen?.room.name}
              className={room.name === chosen?.room.name ? "active" : ""}
              onClick={() => open(room.name)}
              data-testid={`switch-to-${room.name}`}
            >
              {room.kind === "dm" ? title : `# ${room.name}`}
              {room.unread > 0 && <span className="badge">{room.unread}</span>}
            </li>
          ))}
          {found.length === 0 && <li role="presentation">{t.noRoomsFound}</li>}
        </ul>
      </div>
    </div>
  );
}

/** Opens the switcher on Ctrl+K or ⌘K, wherever the focus is. */
export function useSwitcherShortcut(open: () => void): void {
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
        event.preventDefault();
        open();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
}
