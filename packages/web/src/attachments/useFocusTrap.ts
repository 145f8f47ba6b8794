import { useEffect, type KeyboardEvent, type RefObject } from "react";

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab inside `container` while it is open, focusing it first, and gives focus back to whatever had it
 * when it closes. Returns the keydown handler to put on the container.
 */
export function useFocusTrap(container: RefObject<HTMLElement | null>): (event: KeyboardEvent) => void {
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    container.current?.focus();
    return () => previous?.focus();
  }, [container]);

  return (event: KeyboardEvent) => {
    const element = container.current;
    if (event.key !== "Tab" || !element) return;
    const focusable = [...element.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === element)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  };
}
