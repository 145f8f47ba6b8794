import { useEffect, useRef } from "react";
import { showSeq } from "../search";
import type { ChatStore } from "./chatStore";

/**
 * A push or an email links to `/?seq=N#room`. Once the app has opened the room (the hash names it), the
 * message is loaded, scrolled to and flashed, and `seq` leaves the address so a reload does not jump again.
 */
export function useOpenFromLink(store: ChatStore, current: string | null, jumpTo: (seq: number) => void): void {
  const done = useRef(false);
  useEffect(() => {
    if (done.current || current === null) return;
    done.current = true;
    const seq = Number(new URLSearchParams(window.location.search).get("seq"));
    const room = decodeURIComponent(window.location.hash.slice(1));
    if (!Number.isSafeInteger(seq) || seq <= 0 || room === "") return;
    history.replaceState(null, "", `${window.location.pathname}${window.location.hash}`);
    void showSeq({ store, jumpTo }, room, seq);
  }, [store, current, jumpTo]);
}
