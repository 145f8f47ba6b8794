import { useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from "react";
import { TOUCH_QUERY, useMediaQuery } from "../chat/useMediaQuery";

/**
 * A message's actions are drawn only for the message in use: under the mouse, holding the focus, or tapped
 * (on a touch screen, where there is no hover). A long room then holds one toolbar, not one per message,
 * and Tab stops once per message: Enter on it opens its actions, Escape closes them, ↑ and ↓ move between messages.
 */
export function useActionsOnDemand() {
  const touch = useMediaQuery(TOUCH_QUERY);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [opened, setOpened] = useState(false);
  const handlers = {
    onMouseEnter: () => setHovered(true),
    onMouseLeave: () => setHovered(false),
    onFocus: (event: FocusEvent<HTMLElement>) => {
      if (event.target !== event.currentTarget) setFocused(true);
    },
    onBlur: (event: FocusEvent<HTMLElement>) => {
      if (event.currentTarget.contains(event.relatedTarget)) return;
      const left = event.target;
      // A focused button that a render removes (the report form swapped for its answer) blurs under Preact, not
      // under React; that is not the focus leaving the message, so only a blur whose element stays counts.
      queueMicrotask(() => {
        if (!left.isConnected) return;
        setFocused(false);
        setOpened(false);
      });
    },
    onClick: (event: MouseEvent<HTMLElement>) => {
      // A tap on the text (not on a link or button in it) opens the actions; a second tap closes them.
      if (touch && !(event.target instanceof Element && event.target.closest("a, button, input, textarea"))) setOpened((open) => !open);
    },
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      const article = event.currentTarget;
      // An Escape inside the edit form or a menu is theirs: they close themselves and place the focus.
      const inner = event.target instanceof Element && event.target.closest("textarea, input, [role=menu]");
      if (event.key === "Escape" && (opened || focused) && !inner) {
        setOpened(false);
        setFocused(false);
        article.focus();
      }
      if (event.target !== article) return;
      if (event.key === "Enter") {
        event.preventDefault();
        setOpened(true);
        requestAnimationFrame(() => article.querySelector<HTMLElement>(".message-actions button")?.focus());
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        siblingMessage(article, event.key === "ArrowDown" ? 1 : -1)?.focus();
      }
    },
  };
  return { shown: hovered || focused || opened, handlers };
}

/** The next or previous message of the same list, in the order they are read. */
function siblingMessage(article: HTMLElement, step: 1 | -1): HTMLElement | undefined {
  const list = article.closest("[data-testid=messages], [data-testid=thread]");
  if (!list) return undefined;
  const all = [...list.querySelectorAll<HTMLElement>("article[data-testid=message]")].sort(
    (a, b) => Number(a.dataset.seq ?? Infinity) - Number(b.dataset.seq ?? Infinity),
  );
  return all[all.indexOf(article) + step];
}
