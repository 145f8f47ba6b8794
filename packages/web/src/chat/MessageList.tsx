import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type Ref } from "react";
import { useI18n } from "../i18n/I18n";
import { MessageItem } from "../messages/MessageItem";
import { PendingItem } from "../messages/PendingItem";
import { loadBackTo, nextFrame } from "../search";
import { useChat, useChatState } from "./ChatContext";
import { emptyView } from "./chatState";
import { layoutTimeline, type TimelineEntry } from "./timeline";

const NEAR_EDGE_PX = 80;
/** A typical one-line message; each row is measured once drawn, so this only sizes what was never on screen. */
const ESTIMATED_ROW_PX = 60;
/** Rows drawn beyond each edge of the view: enough for a page key or a fling without blank space. */
const OVERSCAN_ROWS = 10;
const REVEAL_WAIT_MS = 5_000;
const FLASH_MS = 1_500;

/** What the chat screen asks of the list: show a loaded message (scrolled to the middle and flashed). */
export interface MessageListHandle {
  reveal(seq: number): Promise<boolean>;
}

/**
 * The open room's messages, virtualised: only the rows near the view are in the page, so a room with
 * thousands of loaded messages costs what a short one does. Loads older ones near the top without moving
 * what is on screen, and follows new ones while the reader is at the bottom.
 */
export function MessageList({ room, ref }: { room: string; ref?: Ref<MessageListHandle> }) {
  const { t, locale } = useI18n();
  const { store } = useChat();
  const state = useChatState();
  const view = state.views[room] ?? emptyView;
  // Still on their way; refused ones wait in the UnsentTray.
  const pending = state.pending.filter((item) => item.room === room && item.replyTo === undefined && item.status !== "failed");
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useRef<HTMLOListElement>(null);
  const opened = useRef(false);
  const [rowsTop, setRowsTop] = useState(0);
  const unreadFrom = view.firstUnreadSeq;
  const meId = state.me.id;
  const { entries, lineSeq, unreadLoaded } = useMemo(() => {
    const shown = view.messages.filter((message) => message.inRoom);
    // The line goes above the first unread only once it is loaded: above the first loaded message it would lie.
    const unreadLoaded = unreadFrom !== null && (!view.hasOlder || (view.messages[0]?.seq ?? Number.POSITIVE_INFINITY) <= unreadFrom);
    const line = unreadLoaded ? shown.find((message) => message.seq >= unreadFrom && message.author.id !== meId)?.seq : undefined;
    return { entries: layoutTimeline(shown, line), lineSeq: line, unreadLoaded };
  }, [view.messages, view.hasOlder, unreadFrom, meId]);
  const unreadAbove = unreadFrom !== null && (lineSeq !== undefined || !unreadLoaded);
  const latest = useRef(entries);
  latest.current = entries;

  const rowCount = entries.length + pending.length;
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    getItemKey: (index) => entries[index]?.message.id ?? pending[index - entries.length]?.clientMsgId ?? index,
    overscan: OVERSCAN_ROWS,
    scrollMargin: rowsTop,
    // A chat reads from the bottom: rows added above (older history) or re-measured keep what is on screen
    // where it was, and at the bottom a new row is followed into view.
    anchorTo: "end",
    followOnAppend: true,
    scrollEndThreshold: NEAR_EDGE_PX,
    useFlushSync: false,
  });

  // Opening the room: at the "new messages" line when there is one, else at the newest message.
  useLayoutEffect(() => {
    if (rows.current && rows.current.offsetTop !== rowsTop) setRowsTop(rows.current.offsetTop);
    if (opened.current || entries.length === 0) return;
    opened.current = true;
    const line = entries.findIndex((entry) => entry.message.seq === lineSeq);
    if (line >= 0) virtualizer.scrollToIndex(line, { align: "center" });
    // The bottom, set on the element itself: from there the virtualizer keeps to the end as rows are measured.
    else if (scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
  });

  const flash = (element: HTMLElement) => {
    element.classList.add("flash");
    window.setTimeout(() => element.classList.remove("flash"), FLASH_MS);
  };

  useImperativeHandle(
    ref,
    () => ({
      async reveal(seq) {
        const until = performance.now() + REVEAL_WAIT_MS;
        while (performance.now() < until) {
          const index = latest.current.findIndex((entry) => entry.message.seq === seq);
          const found = latest.current[index];
          if (found) {
            virtualizer.scrollToIndex(index, { align: "center" });
            await nextFrame();
            const target = document.getElementById(`message-${found.message.seq}`);
            if (target) {
              target.scrollIntoView({ block: "center" });
              flash(target);
              return true;
            }
          }
          await nextFrame();
        }
        return false;
      },
    }),
    [virtualizer],
  );

  const jumpToUnread = async () => {
    if (unreadFrom === null) return;
    await loadBackTo(store, room, unreadFrom);
    await nextFrame();
    const line = latest.current.findIndex((entry) => entry.message.seq >= unreadFrom && entry.message.author.id !== meId);
    if (line >= 0) virtualizer.scrollToIndex(line, { align: "center" });
  };

  function onScroll() {
    const element = scroller.current;
    // A screen ahead of the top, so a reader scrolling back rarely waits at the edge.
    if (element && element.scrollTop < element.clientHeight + NEAR_EDGE_PX) void store.loadOlder(room);
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
      <ol ref={rows} className="virtual-rows" style={{ height: virtualizer.getTotalSize() }} data-count={entries.length} data-testid="message-rows">
        {virtualizer.getVirtualItems().map((row) => {
          const entry = entries[row.index];
          const waiting = pending[row.index - entries.length];
          return (
            <li key={row.key} data-index={row.index} ref={virtualizer.measureElement} style={{ transform: `translateY(${row.start - rowsTop}px)` }}>
              {entry ? <TimelineRow entry={entry} lineSeq={lineSeq} /> : waiting && <PendingItem pending={waiting} />}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

interface RowProps {
  entry: TimelineEntry;
  lineSeq: number | undefined;
}

/** One message, with the day separator and the "new messages" line that may go above it. */
const TimelineRow = memo(TimelineRowContent, (before: RowProps, after: RowProps) => {
  const a = before.entry;
  const b = after.entry;
  const line = (props: RowProps) => props.entry.message.seq === props.lineSeq;
  return a.message === b.message && a.newDay === b.newDay && a.grouped === b.grouped && line(before) === line(after);
});

function TimelineRowContent({ entry: { message, newDay, grouped }, lineSeq }: RowProps) {
  const { t, locale } = useI18n();
  return (
    <>
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
    </>
  );
}
