import { useLayoutEffect, useRef } from "react";
import { useI18n } from "../i18n/I18n";
import { MessageItem } from "../messages/MessageItem";
import { PendingItems } from "../messages/PendingItem";
import { loadBackTo, nextFrame } from "../search";
import { useChat, useChatState } from "./ChatContext";
import { emptyView } from "./chatState";
import { layoutTimeline } from "./timeline";

const NEAR_EDGE_PX = 80;

/** The open room's messages: loads older ones at the top without moving what is on screen. */
export function MessageList({ room }: { room: string }) {
  const { t, locale } = useI18n();
  const { store } = useChat();
  const state = useChatState();
  const view = state.views[room] ?? emptyView;
  const pending = state.pending.filter((item) => item.room === room && item.replyTo === undefined);
  const shown = view.messages.filter((message) => message.inRoom);
  const scroller = useRef<HTMLDivElement>(null);
  const anchor = useRef<{ room: string; firstSeq: number; height: number; top: number; atBottom: boolean } | null>(null);
  const openedRoom = useRef<string | null>(null);
  const firstSeq = shown[0]?.seq ?? 0;
  const unreadFrom = view.firstUnreadSeq;
  // The line goes above the first unread only once it is loaded: above the first loaded message it would lie.
  const unreadLoaded = unreadFrom !== null && (!view.hasOlder || (view.messages[0]?.seq ?? Number.POSITIVE_INFINITY) <= unreadFrom);
  const lineSeq = unreadLoaded ? shown.find((message) => message.seq >= unreadFrom && message.author.id !== state.me.id)?.seq : undefined;
  const unreadAbove = unreadFrom !== null && (lineSeq !== undefined || !unreadLoaded);

  // Before React paints the new list, put the view back where the reader was.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const before = anchor.current;
    if (openedRoom.current !== room) {
      openedRoom.current = room;
      const line = element.querySelector<HTMLElement>("[data-testid=new-messages]");
      if (line) line.scrollIntoView({ block: "center" });
      else element.scrollTop = element.scrollHeight;
    } else if (before && before.room === room && before.firstSeq !== firstSeq) {
      element.scrollTop = before.top + (element.scrollHeight - before.height);
    } else if (before?.atBottom) {
      element.scrollTop = element.scrollHeight;
    }
    anchor.current = { room, firstSeq, height: element.scrollHeight, top: element.scrollTop, atBottom: isAtBottom(element) };
  });

  const jumpToUnread = async () => {
    if (unreadFrom === null) return;
    await loadBackTo(store, room, unreadFrom);
    await nextFrame();
    scroller.current?.querySelector<HTMLElement>("[data-testid=new-messages]")?.scrollIntoView({ block: "center" });
  };

  function onScroll() {
    const element = scroller.current;
    if (!element) return;
    anchor.current = { room, firstSeq, height: element.scrollHeight, top: element.scrollTop, atBottom: isAtBottom(element) };
    if (element.scrollTop < NEAR_EDGE_PX) void store.loadOlder(room);
  }

  return (
    <div className="messages" ref={scroller} onScroll={onScroll} role="log" aria-label={t.messages} data-testid="messages" tabIndex={0}>
      {unreadAbove && (
        <div className="jump-unread-bar">
          <button type="button" className="small" onClick={() => void jumpToUnread()} data-testid="jump-unread">
            {t.jumpToUnread}
          </button>
        </div>
      )}
      <p className="history-edge" data-testid="history-edge">
        {view.loadingOlder
          ? t.loadingOlder
          : view.hasOlder
            ? ""
            : view.historyStartsAt
              ? t.historyTrimmed(new Date(view.historyStartsAt).toLocaleDateString(locale, { year: "numeric", month: "long", day: "numeric" }))
              : t.beginning}
      </p>
      <ol>
        {layoutTimeline(shown, lineSeq).map(({ message, newDay, grouped }) => (
          <li key={message.id}>
            {newDay && (
              <div className="day-line" role="separator" data-testid="day-separator">
                <span>{new Date(message.createdAt).toLocaleDateString(locale, { weekday: "long", year: "numeric", month: "long", day: "numeric" })}</span>
              </div>
            )}
            {message.seq === lineSeq && (
              <div className="new-line" data-testid="new-messages" role="separator">
                <span>{t.newMessages}</span>
              </div>
            )}
            <MessageItem message={message} grouped={grouped} />
          </li>
        ))}
        <PendingItems pending={pending} />
      </ol>
    </div>
  );
}

function isAtBottom(element: HTMLElement): boolean {
  return element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_EDGE_PX;
}
