import type { AdminRoom } from "@natter/protocol";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import type { TabProps } from "./tabs";
import { useModerationText } from "./moderationText";
import { useErrorText } from "../i18n/errorText";

/** Every room but direct conversations, private ones too: search, member counts and activity; archive, unarchive, delete. */
export function RoomsTab({ client }: TabProps) {
  const text = useModerationText();
  const errorText = useErrorText();
  const [draft, setDraft] = useState("");
  const [query, setQuery] = useState("");
  const [rooms, setRooms] = useState<AdminRoom[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  const [error, setError] = useState("");

  const load = useCallback(
    async (after?: string) => {
      setError("");
      try {
        const page = await client.admin.rooms({ query: query || undefined, after });
        setRooms((shown) => (after && shown ? [...shown, ...page.rooms] : page.rooms));
        setNext(page.nextAfter);
      } catch (failure) {
        setError(errorText(failure));
      }
    },
    [client, query],
  );
  useEffect(() => void load(), [load]);

  async function act(task: () => Promise<unknown>, done = "") {
    setError("");
    try {
      await task();
      setNotice(done);
      await load();
    } catch (failure) {
      setError(errorText(failure));
    }
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    setQuery(draft.trim());
  }

  return (
    <section aria-labelledby="rooms-title" data-testid="rooms-tab">
      <h2 id="rooms-title">{text.roomsTitle}</h2>
      <form className="console-filters" role="search" onSubmit={submit}>
        <label>
          {text.roomsSearch}
          <input value={draft} maxLength={128} onChange={(event) => setDraft(event.target.value)} data-testid="rooms-query" />
        </label>
        <button type="submit">{text.roomsFind}</button>
      </form>
      <p role="status" data-testid="rooms-notice">
        {notice}
      </p>
      {error && (
        <p className="error" role="alert" data-testid="rooms-error">
          {error}
        </p>
      )}
      {rooms === null ? null : rooms.length === 0 ? (
        <p data-testid="rooms-empty">{text.roomsEmpty}</p>
      ) : (
        <table className="console-table" data-testid="rooms-list">
          <thead>
            <tr>
              <th scope="col">{text.roomName}</th>
              <th scope="col">{text.roomKind}</th>
              <th scope="col">{text.roomMembers}</th>
              <th scope="col">{text.roomMessages}</th>
              <th scope="col">{text.roomActivity}</th>
              <th scope="col">{text.roomActions}</th>
            </tr>
          </thead>
          <tbody>
            {rooms.map((room) => (
              <tr key={room.name} data-testid={`room-row-${room.name}`}>
                <th scope="row">
                  {room.name} {room.archived && <span className="meta">({text.archivedMark})</span>}
                </th>
                <td>{text.kinds[room.kind]}</td>
                <td>{room.memberCount}</td>
                <td>{room.messageCount}</td>
                <td>{room.lastActivityAt ? <time dateTime={room.lastActivityAt}>{new Date(room.lastActivityAt).toLocaleString()}</time> : text.never}</td>
                <td>
                  {confirming === room.name ? (
                    <div role="group" aria-label={text.confirmDelete(room.name)} className="row">
                      <span>{text.confirmDelete(room.name)}</span>
                      <button
                        type="button"
                        className="danger small"
                        autoFocus
                        onClick={() => void act(() => client.moderation.deleteRoom(room.name), text.deletedRoom(room.name)).then(() => setConfirming(null))}
                        data-testid={`room-confirm-delete-${room.name}`}
                      >
                        {text.reallyDelete}
                      </button>
                      <button type="button" className="small" onClick={() => setConfirming(null)}>
                        {text.cancel}
                      </button>
                    </div>
                  ) : (
                    <div className="row">
                      <button
                        type="button"
                        className="small"
                        onClick={() => void act(() => client.updateRoom(room.name, { archived: !room.archived }))}
                        data-testid={`room-archive-${room.name}`}
                      >
                        {room.archived ? text.unarchive(room.name) : text.archive(room.name)}
                      </button>
                      {room.name !== "general" && (
                        <button type="button" className="small danger" onClick={() => setConfirming(room.name)} data-testid={`room-delete-${room.name}`}>
                          {text.deleteRoom(room.name)}
                        </button>
                      )}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next !== null && (
        <button type="button" onClick={() => void load(next)} data-testid="rooms-more">
          {text.more}
        </button>
      )}
    </section>
  );
}
