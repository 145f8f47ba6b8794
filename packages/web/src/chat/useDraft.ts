import { useEffect, useState, type Dispatch, type SetStateAction } from "react";
import { useChatState } from "./ChatContext";
import { loadDraft, saveDraft } from "./drafts";

/** The composer's text, started from this room's (or thread's) draft and kept as the draft at every change. */
export function useDraft(room: string, replyTo: number | undefined): [string, Dispatch<SetStateAction<string>>] {
  const { me } = useChatState();
  const [text, setText] = useState(() => loadDraft({ userId: me.id, room, replyTo }));
  useEffect(() => saveDraft({ userId: me.id, room, replyTo }, text), [me.id, room, replyTo, text]);
  return [text, setText];
}
