import { useSyncExternalStore } from "react";

/** Whether a CSS media query matches now, following changes (a rotated phone, a resized window). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (changed) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", changed);
      return () => list.removeEventListener("change", changed);
    },
    () => window.matchMedia(query).matches,
  );
}

/** A finger, not a mouse: Enter adds a line (the send button sends) and message actions open on a tap. */
export const TOUCH_QUERY = "(pointer: coarse)";
/** Too narrow for the long placeholder with its keyboard hint. */
export const NARROW_QUERY = "(max-width: 600px)";
