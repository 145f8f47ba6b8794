import type { DirectoryRoom } from "@natter/protocol";
import { useEffect, useMemo, useState, type KeyboardEvent } from "react";
import { useChat, useChatState } from "../chat/ChatContext";
import { useErrorText } from "../i18n/errorText";
import { useI18n } from "../i18n/I18n";
import { ago, useDirectoryText } from "./text";

/**
 * Every public room one may join, with topic, members and last activity, searched as one types. It asks again
 * whenever the public rooms known to the chat state change (created, renamed, archived or deleted anywhere,
 * which the server tells everyone), so it stays live without events of its own. Each room is one button:
 * Enter joins it (or opens it when already joined); ↑/↓ move between rooms and back to the search field.
 */
export function DirectoryPanel({ onClose, onOpened }: { onClose(): void; onOpened(): void }) {
  const text = useDirectoryText();
  const { locale } = useI18n();
  const errorText = useErrorText();
  const { store } = useChat();
  const { rooms: known } = useChatState();
  const [query, setQuery] = useState("");
  const [rooms, setRooms] = useState<DirectoryRoom[] | null>(null);
  const [error, setError] = useState("");
  const publicRooms = useMemo(
    () =>
      known
        .filter((room) => room.kind === "public")
        .map((room) => `${room.name}\u0000${room.topic}\u0000${room.archived}`)
        .join("\u0001"),
    [known],
  );

  useEffect(() => {
    let live = true;
    store.server.staples.directory({ q: query.trim() || undefined }).then(
      (found) => {
        if (!live) return;
        setRooms(found);
        setError("");
      },
      (failure: unknown) => live && setError(errorText(failure)),
    );
    return () => void (live = false);
  }, [store, query, publicRooms, errorText]);

  const enter = async (room: DirectoryRoom) => {
    if (room.joined) store.select(room.name);
    else await store.joinRoom(room.name);
    onOpened();
  };

  const move = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const panel = event.currentTarget;
    const stops = [...panel.querySelectorAll<HTMLElement>("[data-directory-stop]")];
    const at = stops.indexOf(document.activeElement as HTMLElement);
    const next = stops[Math.min(Math.max(at + (event.key === "ArrowDown" ? 1 : -1), 0), stops.length - 1)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  return (
    <aside
      className="thread search-panel directory"
      aria-label={text.directory}
      data-testid="directory"
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
        else move(event);
      }}
    >
      <header>
        <h2>{text.directory}</h2>
        <button type="button" className="icon" aria-label={text.closeDirectory} onClick={onClose} data-testid="close-directory">
          ✕
        </button>
      </header>
      <input
        type="search"
        aria-label={text.searchRooms}
        placeholder={text.searchRooms}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        data-testid="directory-search"
        data-directory-stop
        autoFocus
      />
      <div className="search-results" aria-busy={rooms === null}>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {rooms === null && !error && (
          <p className="meta" role="status">
            {text.loading}
          </p>
        )}
        {rooms?.length === 0 && (
          <p className="meta" role="status">
            {text.noRooms}
          </p>
        )}
        <ul className="directory-rooms" data-testid="directory-rooms">
          {rooms?.map((room) => (
            <li key={room.name}>
              <button type="button" className="directory-room" data-directory-stop onClick={() => void enter(room)} data-testid={`directory-${room.name}`}>
                <span className="room-title">
                  # {room.name} <span className="directory-action">{room.joined ? text.open : text.join}</span>
                </span>
                {room.topic && <span className="directory-topic">{room.topic}</span>}
                <span className="meta">
                  {text.members(room.memberCount)} · {room.lastActivityAt ? text.active(ago(locale, room.lastActivityAt)) : text.quiet}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </aside>
  );
}
