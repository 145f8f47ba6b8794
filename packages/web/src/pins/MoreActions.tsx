import type { Message } from "@natter/protocol";
import { Ellipsis } from "lucide-react";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useChat } from "../chat/ChatContext";
import { messageLink } from "./messageLink";
import { usePinsText } from "./text";

/**
 * The message's ⋯ menu: pin or unpin it in its room, save it for oneself, copy its link. A menu button with
 * arrow keys between its items; Escape closes it and gives focus back to the button.
 */
export function MoreActions({ message }: { message: Message }) {
  const text = usePinsText();
  const { store } = useChat();
  const [open, setOpen] = useState(false);
  const [pinned, setPinned] = useState<boolean | null>(null);
  const [note, setNote] = useState("");
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    let live = true;
    setPinned(null);
    store.server.staples.pins(message.room).then(
      (pins) => live && setPinned(pins.some((pin) => pin.message.id === message.id)),
      () => live && setPinned(false),
    );
    menu.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
    return () => void (live = false);
  }, [open, store, message.room, message.id]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const run = (action: () => Promise<unknown>, done = "") => {
    close();
    action().then(
      () => setNote(done),
      (failure: unknown) => store.showFailure(failure),
    );
  };
  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      // The menu's own: the message's toolbar stays open, with the focus back on this button.
      event.stopPropagation();
      return close();
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    const items = [...(menu.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    items[(at + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length]?.focus();
  };

  return (
    <span className="more-actions">
      <button
        ref={button}
        type="button"
        className="icon"
        aria-label={text.more}
        title={text.more}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close() : setOpen(true))}
        data-testid="more-actions"
      >
        <Ellipsis aria-hidden="true" />
      </button>
      {open && (
        <div ref={menu} id={menuId} role="menu" aria-label={text.more} className="more-menu" onKeyDown={move} data-testid="more-menu">
          {!message.deleted && pinned !== null && (
            <button
              type="button"
              role="menuitem"
              onClick={() => run(() => (pinned ? store.server.staples.unpin(message.room, message.id) : store.server.staples.pin(message.room, message.id)))}
              data-testid={pinned ? "unpin-message" : "pin-message"}
            >
              {pinned ? text.unpin : text.pin}
            </button>
          )}
          {!message.deleted && (
            <button type="button" role="menuitem" onClick={() => run(() => store.server.staples.save(message.id))} data-testid="save-message">
              {text.save}
            </button>
          )}
          <button
            type="button"
            role="menuitem"
            onClick={() => run(() => navigator.clipboard.writeText(messageLink(message)), text.linkCopied)}
            data-testid="copy-link"
          >
            {text.copyLink}
          </button>
        </div>
      )}
      {note && (
        <span className="meta" role="status" data-testid="more-note">
          {note}
        </span>
      )}
    </span>
  );
}
