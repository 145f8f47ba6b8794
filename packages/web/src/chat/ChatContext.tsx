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
