import type { NatterClient } from "@natter/client";
import type { Message, User } from "@natter/protocol";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { PinNotice } from "../pins";
import { useErrorText } from "../i18n/errorText";
import { useI18n } from "../i18n/I18n";
import { UnsentTray } from "../messages/UnsentTray";
import { ChatContext, type ChatContextValue } from "./ChatContext";
import { ChatStore } from "./chatStore";
import { Composer } from "./Composer";
import {
  DirectoryPanel,
  LazyDialog,
  LazyPanel,
  MembersPanel,
  MentionsPanel,
  PeoplePanel,
  PinsPanel,
  ProfileCard,
  SavedPanel,
  SearchPanel,
  ThreadsPanel,
} from "./lazyPanels";
import { ConnectionBanner } from "./ConnectionBanner";
import { MessageList, type MessageListHandle } from "./MessageList";
import { RoomHeader } from "./RoomHeader";
import { RoomSwitcher, useSwitcherShortcut } from "./RoomSwitcher";
import { Sidebar } from "./Sidebar";
import { ThreadPanel } from "./ThreadPanel";
import { TypingLine } from "./TypingLine";
import { useIdleReport } from "./useIdleReport";
import { useNotifications, useReadOnReturn, useTabTitle, useTypingExpiry } from "./useAttention";
import { useOpenFromLink } from "./useOpenFromLink";

type SidePanel =
  | { kind: "thread"; root: Message }
  | { kind: "members" }
  | { kind: "search" }
  | { kind: "mentions" }
  | { kind: "threads" }
  | { kind: "people" }
  | { kind: "directory" }
  | { kind: "pins" }
  | { kind: "saved" }
  | null;

export default function ChatScreen({ client, me, onLogOut, onSessionEnded }: { client: NatterClient; me: User; onLogOut(): void; onSessionEnded(): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [store] = useState(() => new ChatStore(client, me));
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const [menuOpen, setMenuOpen] = useState(false);
  const [panel, setPanel] = useState<SidePanel>(null);
  const [profile, setProfile] = useState<string | null>(null);
  const [switching, setSwitching] = useState(false);
  useSwitcherShortcut(useCallback(() => setSwitching(true), []));
  // Closing a panel or the switcher gives the keyboard back to the composer, as does opening the chat.
  const closePanel = useCallback(() => {
    setPanel(null);
    focusComposer();
  }, []);
  useEffect(() => {
    if (state.current && (document.activeElement === null || document.activeElement === document.body)) focusComposer();
  }, [state.current]);

  useEffect(() => {
    void store.start();
    return () => store.stop();
  }, [store]);
  useEffect(() => client.on("session_ended", onSessionEnded), [client, onSessionEnded]);
  useTabTitle(state, t.appName);
  useReadOnReturn(store);
  useNotifications(store, t);
  useTypingExpiry(store);
  useIdleReport(store);
  useEffect(() => setPanel((open) => (open?.kind === "thread" && open.root.room !== state.current ? null : open)), [state.current]);

  const list = useRef<MessageListHandle>(null);
  const jumpTo = useCallback((seq: number) => void list.current?.reveal(seq), []);
  useOpenFromLink(store, state.current, jumpTo);
  const context = useMemo<ChatContextValue>(
    () => ({ store, openProfile: setProfile, openThread: (root) => setPanel({ kind: "thread", root }), jumpTo }),
    [store, jumpTo],
  );
  const room = state.rooms.find((known) => known.name === state.current);

  return (
    <ChatContext.Provider value={context}>
      <div className={`chat ${menuOpen ? "menu-open" : ""}`} data-testid="chat" onKeyDown={(event) => event.key === "Escape" && setMenuOpen(false)}>
        <button type="button" className="skip-link" onClick={focusComposer} data-testid="skip-to-composer">
          {t.skipToComposer}
        </button>
        <ConnectionBanner status={state.status} />
        {state.error && (
          <div className="banner error" role="alert" data-testid="error">
            {errorText(state.error)}
            <button type="button" className="small" onClick={() => store.clearError()}>
              {t.close}
            </button>
          </div>
        )}
        {menuOpen && <div className="drawer-backdrop" aria-hidden="true" onClick={() => setMenuOpen(false)} />}
        <Sidebar
          onNavigate={() => setMenuOpen(false)}
          onLogOut={onLogOut}
          onMentions={() => setPanel({ kind: "mentions" })}
          onThreads={() => setPanel({ kind: "threads" })}
          onPeople={() => setPanel({ kind: "people" })}
          onDirectory={() => setPanel({ kind: "directory" })}
          onSaved={() => setPanel({ kind: "saved" })}
        />
        <main className="room">
          {room ? (
            <>
              <RoomHeader
                room={room}
                menuOpen={menuOpen}
                onToggleMenu={() => setMenuOpen(!menuOpen)}
                onShowMembers={() => setPanel({ kind: "members" })}
                onSearch={() => setPanel({ kind: "search" })}
                onPins={() => setPanel({ kind: "pins" })}
              />
              <MessageList key={`messages:${room.name}`} ref={list} room={room.name} />
              <PinNotice room={room.name} />
              <TypingLine room={room.name} />
              <UnsentTray room={room.name} />
              {!room.archived && <Composer key={room.name} room={room.name} />}
            </>
          ) : (
            <p className="loading" role="status">
              {t.loading}
            </p>
          )}
        </main>
        {panel?.kind === "thread" && <ThreadPanel key={panel.root.id} root={panel.root} onClose={closePanel} />}
        {panel && panel.kind !== "thread" && (
          <LazyPanel>
            {panel.kind === "search" && <SearchPanel onClose={closePanel} />}
            {panel.kind === "mentions" && <MentionsPanel onClose={closePanel} />}
            {panel.kind === "threads" && <ThreadsPanel onClose={closePanel} />}
            {panel.kind === "people" && <PeoplePanel onClose={closePanel} />}
            {panel.kind === "pins" && room && <PinsPanel key={room.name} room={room.name} onClose={closePanel} />}
            {panel.kind === "saved" && <SavedPanel onClose={closePanel} />}
            {panel.kind === "directory" && <DirectoryPanel onClose={closePanel} onOpened={() => setPanel(null)} />}
            {panel.kind === "members" && room && <MembersPanel room={room} onClose={closePanel} />}
          </LazyPanel>
        )}
        {profile && (
          <LazyDialog label={t.profile}>
            <ProfileCard username={profile} onClose={() => setProfile(null)} />
          </LazyDialog>
        )}
        {switching && (
          <RoomSwitcher
            onClose={() => {
              setSwitching(false);
              focusComposer();
            }}
          />
        )}
      </div>
    </ChatContext.Provider>
  );
}

/** The composer of the open room (not a thread's): where typing goes after the chat opens or a panel closes. */
function focusComposer(): void {
  // After React has drawn the composer (a room just opened, a panel just closed).
  requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>("main [data-testid=composer]")?.focus());
}
