import type { Person } from "@natter/protocol";
import { useEffect, useState } from "react";
import { useChat, useChatState } from "../chat/ChatContext";
import { Avatar } from "./Avatar";
import { PresenceDot } from "./AvailabilityMark";
import { usePeopleText } from "./text";
import { UserName } from "./UserName";

const PAGE = 30;

/** Everyone on the server (a guest: everyone who shares a room with them), searched by name, a page at a time. */
export function PeoplePanel({ onClose }: { onClose(): void }) {
  const text = usePeopleText();
  const { store } = useChat();
  const { me, availability } = useChatState();
  const [query, setQuery] = useState("");
  const [people, setPeople] = useState<Person[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    store.people.search({ query: query.trim(), limit: PAGE }).then(
      (page) => {
        if (!live) return;
        setPeople(page.people);
        setCursor(page.nextCursor);
      },
      () => live && setPeople([]),
    );
    return () => void (live = false);
  }, [store, query]);

  const more = async () => {
    if (cursor === null) return;
    const page = await store.people.search({ query: query.trim(), limit: PAGE, cursor });
    setPeople((shown) => [...(shown ?? []), ...page.people]);
    setCursor(page.nextCursor);
  };

  return (
    <aside className="thread people-panel" aria-label={text.people} data-testid="people-panel">
      <header>
        <h2>{text.people}</h2>
        <button type="button" className="icon" aria-label={text.closePeople} onClick={onClose} data-testid="close-people">
          ✕
        </button>
      </header>
      <input
        type="search"
        aria-label={text.searchPeople}
        placeholder={text.searchPeople}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        autoFocus
        data-testid="people-search"
      />
      {people?.length === 0 && <p className="meta">{text.noPeople}</p>}
      <ul className="people-list">
        {people?.map((person) => (
          <li key={person.id} data-testid="person" data-username={person.username}>
            <Avatar user={person} />
            <span className="person-names">
              <UserName user={person} /> <span className="meta">@{person.username}</span>
              {person.bot && <span className="badge-kind"> · {text.bot}</span>}
              {person.kind === "guest" && <span className="badge-kind"> · {text.guest}</span>}
            </span>
            {person.online ? (
              <span className="presence-text on">
                <PresenceDot availability={availability[person.id]} />
              </span>
            ) : (
              <span className="meta">{text.offline}</span>
            )}
            {person.id !== me.id && !person.bot && (
              <button type="button" className="small" onClick={() => void store.openDirect([person.username])} data-testid={`message-${person.username}`}>
                {text.message}
              </button>
            )}
          </li>
        ))}
      </ul>
      {cursor !== null && (
        <button type="button" className="small" onClick={() => void more()} data-testid="more-people">
          {text.morePeople}
        </button>
      )}
    </aside>
  );
}
