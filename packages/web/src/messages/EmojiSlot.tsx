import { Smile } from "lucide-react";
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { useI18n } from "../i18n/I18n";

// Its own chunk, fetched on the first click; the emoji data it shows loads after it, in chunks of its own.
const EmojiPicker = lazy(() => import("../content/EmojiPicker").then((module) => ({ default: module.EmojiPicker })));

/** A button that opens the full emoji picker above it; a pick, Esc or a click elsewhere closes it. */
export function EmojiSlot({ onPick, label }: { onPick(emoji: string): void; label: string }) {
  const { locale } = useI18n();
  const [open, setOpen] = useState(false);
  const slot = useRef<HTMLSpanElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const dismiss = useCallback(() => setOpen(false), []);
  useCloseOnOutsidePointer(open, slot, dismiss);

  function close() {
    setOpen(false);
    toggle.current?.focus();
  }

  function pick(emoji: string) {
    setOpen(false);
    onPick(emoji);
  }

  return (
    <span className="emoji-slot" ref={slot}>
      <button
        ref={toggle}
        type="button"
        className="icon"
        aria-label={label}
        title={label}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="emoji-toggle"
      >
        <Smile />
      </button>
      {open && (
        <Suspense fallback={null}>
          <EmojiPicker locale={locale} onPick={pick} onClose={close} />
        </Suspense>
      )}
    </span>
  );
}

/** Calls `close` when a pointer goes down outside `inside` while `open`; `close` must be stable (a state setter). */
function useCloseOnOutsidePointer(open: boolean, inside: RefObject<HTMLElement | null>, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !inside.current?.contains(event.target)) close();
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open, inside, close]);
}
