import { useEffect } from "react";
import type { ChatStore } from "./chatStore";

/** No input in a tab for this long makes it idle; the server turns the user away when every tab is. */
export const IDLE_MS = 10 * 60_000;
/** A test shortens the idle time through this key rather than waiting ten minutes. */
export const IDLE_MS_KEY = "natter.idleMs";
const INPUTS = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart"] as const;
/** Re-arming on every pointer move would set a timer per pixel; once a second is plenty. */
const REARM_EVERY_MS = 1_000;

export function useIdleReport(store: ChatStore): void {
  useEffect(() => {
    const idleMs = Number(localStorage.getItem(IDLE_MS_KEY)) || IDLE_MS;
    let idle = false;
    let armedAt = 0;
    let timer: number | undefined;
    const arm = () => {
      armedAt = Date.now();
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        idle = true;
        store.server.reportActivity(true);
      }, idleMs);
    };
    const onInput = () => {
      if (idle) {
        idle = false;
        store.server.reportActivity(false);
      } else if (Date.now() - armedAt < REARM_EVERY_MS) return;
      arm();
    };
    // A new connection counts as in use: an idle tab says so again after every reconnect.
    let status = store.getState().status;
    const offStatus = store.subscribe(() => {
      const next = store.getState().status;
      if (next === "connected" && status !== "connected" && idle) store.server.reportActivity(true);
      status = next;
    });
    for (const event of INPUTS) window.addEventListener(event, onInput, { passive: true });
    arm();
    return () => {
      window.clearTimeout(timer);
      offStatus();
      for (const event of INPUTS) window.removeEventListener(event, onInput);
    };
  }, [store]);
}
