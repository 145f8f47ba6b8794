import type { KeyboardEvent } from "react";

/** One choice in a completion list under the caret: `@alice`, `😄 :smile:`. */
export interface CompletionOption {
  key: string;
  text: string;
  /** Shown after the text, dimmed: a person's custom status, away or do-not-disturb. */
  hint?: string;
}

/** A completion the composer drives from its keyboard: `@name` or `:shortcode`. */
export interface Completion {
  options: CompletionOption[];
  active: number;
  /** Returns true when the key was used to move through or pick an option. */
  onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean;
  pick(index: number): void;
  /** Call after every change of the text or caret. */
  refresh(): void;
  close(): void;
}

interface KeyActions {
  count: number;
  active: number;
  setActive(index: number): void;
  pick(index: number): void;
  close(): void;
}

/** ↑/↓ move (wrapping), Enter/Tab pick, Esc closes; returns whether the key was one of these. */
export function handleCompletionKey(event: KeyboardEvent<HTMLTextAreaElement>, { count, active, setActive, pick, close }: KeyActions): boolean {
  if (count === 0) return false;
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    const step = event.key === "ArrowDown" ? 1 : -1;
    setActive((active + step + count) % count);
  } else if (event.key === "Enter" || event.key === "Tab") {
    pick(Math.min(active, count - 1));
  } else if (event.key === "Escape") {
    close();
  } else {
    return false;
  }
  event.preventDefault();
  return true;
}

/**
 * Puts the caret after an inserted completion once React has rendered the new text. A key typed before that
 * frame already placed the caret where the person is writing: then it stays, or that key would be moved.
 */
export function placeCaret(element: HTMLTextAreaElement, done: { text: string; caret: number }): void {
  requestAnimationFrame(() => {
    if (element.value !== done.text) return;
    element.focus();
    element.setSelectionRange(done.caret, done.caret);
  });
}
