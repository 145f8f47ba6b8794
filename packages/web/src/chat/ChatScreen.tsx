import type { NatterClient } from "@natter/client";
import type { Message, User } from "@natter/protocol";
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { MentionsPanel, ThreadsPanel } from "../catchUp";
import { DirectoryPanel } from "../directory";
import { PinNotice, PinsPanel, SavedPanel } from "../pins";
import { useErrorText } from "../i18n/errorText";
import { useI18n } from "../i18n/I18n";
import { UnsentTray } from "../messages/UnsentTray";
import { ProfileCard } from "../people/ProfileCard";
import { MembersPanel } from "../rooms/MembersPanel";
import { SearchPanel } from "../search";
import { ChatContext, type ChatContextValue } from "./ChatContext";
import { ChatStore } from "./chatStore";
import { Composer } from "./Composer";
import { ConnectionBanner } from "./ConnectionBanner";
import { MessageList } from "./MessageList";
import { RoomHeader } from "./RoomHeader";
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

  const jumpTo = useCallback((seq: number) => {
    const target = document.getElementById(`message-${seq}`);
    if (!target) return;
    target.scrollIntoView({ block: "center", behavior: "smooth" });
    target.classList.add("flash");
    window.setTimeout(() => target.classList.remove("flash"), 1_500);
  }, []);
  useOpenFromLink(store, state.current, jumpTo);
  const context = useMemo<ChatContextValue>(
    () => ({ store, openProfile: setProfile, openThread: (root) => setPanel({ kind: "thread", root }), jumpTo }),
    [store, jumpTo],
  );
  const room = state.rooms.find((known) => known.name === state.current);

  return (
    <ChatContext.Provider value={context}>
      <div className={`chat ${menuOpen ? "menu-open" : ""}`} data-testid="chat" onKeyDown={(event) => event.key === "Escape" && setMenuOpen(false)}>
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
              <MessageList room={room.name} />
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
        {panel?.kind === "thread" && <ThreadPanel key={panel.root.id} root={panel.root} onClose={() => setPanel(null)} />}
        {panel?.kind === "search" && <SearchPanel onClose={() => setPanel(null)} />}
        {panel?.kind === "mentions" && <MentionsPanel onClose={() => setPanel(null)} />}
        {panel?.kind === "threads" && <ThreadsPanel onClose={() => setPanel(null)} />}
        {panel?.kind === "pins" && room && <PinsPanel key={room.name} room={room.name} onClose={() => setPanel(null)} />}
        {panel?.kind === "saved" && <SavedPanel onClose={() => setPanel(null)} />}
        {panel?.kind === "directory" && <DirectoryPanel onClose={() => setPanel(null)} onOpened={() => setPanel(null)} />}
        {panel?.kind === "members" && room && <MembersPanel room={room} onClose={() => setPanel(null)} />}
        {profile && <ProfileCard username={profile} onClose={() => setProfile(null)} />}
      </div>
    </ChatContext.Provider>
  );
}
