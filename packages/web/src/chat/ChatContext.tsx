import type { Message } from "@natter/protocol";
import { createContext, useContext, useSyncExternalStore } from "react";
import type { ChatState } from "./chatState";
import type { ChatStore } from "./chatStore";

export interface ChatContextValue {
  store: ChatStore;
  openProfile(username: string): void;
  openThread(root: Message): void;
  /** Scrolls to a message in the open room and highlights it briefly. */
  jumpTo(seq: number): void;
}

export const ChatContext = createContext<ChatContextValue | null>(null);

export function useChat(): ChatContextValue {
  const value = useContext(ChatContext);
  if (!value) throw new Error("useChat outside ChatContext");
  return value;
}

export function useChatState(): ChatState {
  const { store } = useChat();
  return useSyncExternalStore(store.subscribe, store.getState);
}

/**
 * One part of the chat state: the component renders again only when that part changes (by identity). What
 * every message row uses goes through here, so a send does not redraw each row on screen.
 */
export function useChatSelector<T>(select: (state: ChatState) => T): T {
  const { store } = useChat();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
