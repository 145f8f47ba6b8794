import { Bookmark } from "lucide-react";
import { ONLINE_PAGE, type RoomSummary } from "@natter/protocol";
import { AdminEntry } from "../admin";
import { CatchUpButtons } from "../catchUp";
import { useDirectoryText } from "../directory";
import { usePinsText } from "../pins";
import { useI18n } from "../i18n/I18n";
import { LanguageSwitch } from "../i18n/LanguageSwitch";
import { useState } from "react";
import { createPortal } from "react-dom";
import { Avatar } from "../people/Avatar";
import { PresenceDot, StatusNote } from "../people/AvailabilityMark";
import { StatusMenu } from "../people/StatusMenu";
import { UserName } from "../people/UserName";
import { useDirectMembers, useKnownPeople } from "../people/usePeople";
import { PeopleButton } from "../people/PeopleButton";
import { CreateRoomForm } from "../rooms/CreateRoomForm";
import { RoomLink } from "../rooms/RoomLink";
import { StartDirectForm } from "../rooms/StartDirectForm";
import { useChat, useChatState } from "./ChatContext";
import { roomTitle, type ChatState } from "./chatState";

interface SidebarProps {
  onNavigate(): void;
  onLogOut(): void;
  onMentions(): void;
  onThreads(): void;
  onPeople(): void;
  onDirectory(): void;
  onSaved(): void;
}

export function Sidebar({ onNavigate, onLogOut, onMentions, onThreads, onPeople, onDirectory, onSaved }: SidebarProps) {
  const { t } = useI18n();
  const directoryText = useDirectoryText();
  const pinsText = usePinsText();
  const { store, openProfile } = useChat();
  const state = useChatState();
  const [statusOpen, setStatusOpen] = useState(false);
  const people = useKnownPeople();
  useDirectMembers(state.rooms);
  const joined = state.rooms.filter((room) => room.joined && room.kind !== "dm");
  const directs = state.rooms.filter((room) => room.joined && room.kind === "dm");
  // An archived room takes no new members, so it leaves the list of rooms to join.
  const joinable = state.rooms.filter((room) => !room.joined && room.kind === "public" && !room.archived);
  const view = state.current ? state.views[state.current] : undefined;
  const onlineCount = view?.onlineCount ?? 0;
  // Past a page of people the server stops naming arrivals and departures, so names shown would go stale.
  const online = onlineCount > ONLINE_PAGE ? [] : [...(view?.online ?? [])].sort((a, b) => a.username.localeCompare(b.username));
  const unlisted = onlineCount - online.length;
  const open = (name: string) => {
    store.select(name);
    onNavigate();
  };
  const link = (room: RoomSummary, presence?: boolean) => (
    <li key={room.name}>
      <RoomLink room={room} title={roomTitle(room, state.me, people)} current={room.name === state.current} online={presence} onOpen={() => open(room.name)} />
    </li>
  );
  return (
    <nav className="sidebar" aria-label={t.rooms} data-testid="sidebar">
      <CatchUpButtons
        onMentions={() => {
          onMentions();
          onNavigate();
        }}
        onThreads={() => {
          onThreads();
          onNavigate();
        }}
      />
      <button
        type="button"
        className="room-link"
        title={pinsText.openSaved}
        onClick={() => {
          onSaved();
          onNavigate();
        }}
        data-testid="open-saved"
      >
        <span className="room-title">
          <Bookmark aria-hidden="true" /> {pinsText.saved}
        </span>
      </button>
      <h2>{t.rooms}</h2>
      <ul>{joined.map((room) => link(room))}</ul>
      <PeopleButton
        onOpen={() => {
          onPeople();
          onNavigate();
        }}
      />
      <h2>{t.directMessages}</h2>
      <ul data-testid="dm-list">{directs.map((room) => link(room, isOtherOnline(state, room)))}</ul>
      <StartDirectForm />
      {joinable.length > 0 && (
        <>
          <h2>{t.otherRooms}</h2>
          <ul>
            {joinable.map((room) => (
              <li key={room.name} className="joinable">
                <span># {room.name}</span>
                <button type="button" className="small" onClick={() => void store.joinRoom(room.name).then(onNavigate)} data-testid={`join-${room.name}`}>
                  {t.join}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <button
        type="button"
        className="small"
        onClick={() => {
          onDirectory();
          onNavigate();
        }}
        data-testid="open-directory"
      >
        {directoryText.openDirectory}
      </button>
      <CreateRoomForm />
      <h2>
        {t.onlineNow} <span data-testid="online-count">{onlineCount}</span>
      </h2>
      {/* While disconnected nobody here can be known to be online: the list stays, greyed, until caught up. */}
      <ul className={`online ${state.status === "connected" ? "" : "stale"}`} data-testid="online-users" data-stale={state.status !== "connected"}>
        {online.map((user) => (
          <li key={user.id}>
            <PresenceDot availability={state.availability[user.id]} />
            <Avatar user={user} />
            <UserName user={user} />
            <StatusNote availability={state.availability[user.id]} />
          </li>
        ))}
        {online.length > 0 && unlisted > 0 && <li className="more">{t.andMore(unlisted)}</li>}
      </ul>
      <footer className="me">
        <button type="button" className="link me-name" onClick={() => openProfile(state.me.username)} data-testid="me">
          <Avatar user={state.me} /> <span title={`@${state.me.username}`}>{state.me.displayName || state.me.username}</span>
        </button>
        <button type="button" className="small" onClick={() => setStatusOpen(true)} data-testid="open-status-menu">
          <PresenceDot availability={state.availability[state.me.id]} /> {t.setStatus}
        </button>
        <LanguageSwitch />
        <AdminEntry me={state.me} />
        <button type="button" className="small" onClick={onLogOut} data-testid="logout">
          {t.logOut}
        </button>
      </footer>
      {/* Out of the sidebar, whose dark colours it would otherwise take on. */}
      {statusOpen && createPortal(<StatusMenu onClose={() => setStatusOpen(false)} />, document.body)}
    </nav>
  );
}

function isOtherOnline(state: ChatState, room: RoomSummary): boolean {
  const online = state.views[room.name]?.online ?? [];
  return online.some((user) => user.id !== state.me.id);
}
