import { useEffect } from "react";
import { drawFavicon } from "../catchUp/favicon";
import type { Dictionary } from "../i18n/dictionary";
import type { ChatState } from "./chatState";
import type { ChatStore } from "./chatStore";
import { mentionsUser } from "./timeline";

/** The tab's title and icon count unread messages in rooms that are not muted. */
export function useTabTitle(state: ChatState, appName: string): void {
  const unread = state.rooms.filter((room) => room.notify !== "mute").reduce((sum, room) => sum + room.unread, 0);
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) ${appName}` : appName;
    drawFavicon(unread);
  }, [unread, appName]);
}

/** Reading happens when the room is on screen: coming back to the tab marks the open room read. */
export function useReadOnReturn(store: ChatStore): void {
  useEffect(() => {
    const onVisible = () => store.markReadIfViewing();
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("focus", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("focus", onVisible);
    };
  }, [store]);
}

/** A system notification while the tab is hidden, as each room's notify level allows. */
export function useNotifications(store: ChatStore, t: Dictionary): void {
  useEffect(
    () =>
      store.server.onMessage((message) => {
        const { me, rooms } = store.getState();
        const room = rooms.find((known) => known.name === message.room);
        if (!room || message.author.id === me.id || document.visibilityState === "visible") return;
        if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
        const mention = mentionsUser(message, me.id);
        if (room.notify === "mute" || (room.notify === "mentions" && !mention)) return;
        const place = room.kind === "dm" ? t.directMessages : `#${room.name}`;
        const title = mention ? t.mentionNotification(message.author.username, place) : t.messageNotification(message.author.username, place);
        const notification = new Notification(title, { body: message.text.slice(0, 200), tag: `natter-${message.room}` });
        notification.onclick = () => {
          window.focus();
          store.select(message.room);
        };
      }),
    [store, t],
  );
}

/** Typing indicators fade out on their own if the "stopped" event never comes. */
export function useTypingExpiry(store: ChatStore): void {
  useEffect(() => {
    const timer = window.setInterval(() => store.expireTyping(), 1_000);
    return () => window.clearInterval(timer);
  }, [store]);
}
