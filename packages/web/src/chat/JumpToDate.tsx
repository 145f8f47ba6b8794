import { useState, type FormEvent } from "react";
import { useI18n } from "../i18n/I18n";
import { loadBackTo } from "../search";
import { useChat } from "./ChatContext";

/**
 * "Jump to a date": the server names the first message of that day (in the reader's time zone), the list
 * loads back to it (so no gap is left between it and the latest) and shows it; past the last, the latest.
 */
export function JumpToDate({ room }: { room: string }) {
  const { t } = useI18n();
  const { store, jumpTo } = useChat();
  const [open, setOpen] = useState(false);
  const [day, setDay] = useState("");
  const [failed, setFailed] = useState(false);
  const today = localDay(new Date());

  async function go(event: FormEvent) {
    event.preventDefault();
    if (!day) return;
    setFailed(false);
    try {
      const seq = await store.server.firstSeqFrom(room, new Date(`${day}T00:00:00`).toISOString());
      const target = seq ?? store.getState().views[room]?.messages.at(-1)?.seq;
      if (target === undefined) return;
      await loadBackTo(store, room, target);
      // A reply kept in its thread has no row of its own: the first message shown from then on.
      const shown = store.getState().views[room]?.messages.find((message) => message.seq >= target && message.inRoom);
      setOpen(false);
      if (shown) jumpTo(shown.seq);
    } catch {
      setFailed(true);
    }
  }

  return (
    <div className="jump-to-date">
      <button type="button" className="small" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="jump-to-date">
        {t.jumpToDate}
      </button>
      {open && (
        <form className="jump-to-date-form" onSubmit={(event) => void go(event)} onKeyDown={(event) => event.key === "Escape" && setOpen(false)}>
          <label>
            {t.jumpToDateDay}
            <input type="date" value={day} max={today} required onChange={(event) => setDay(event.target.value)} data-testid="jump-date" autoFocus />
          </label>
          <button type="submit" className="small" data-testid="jump-date-go">
            {t.jumpToDateGo}
          </button>
          {failed && <span role="alert">{t.jumpToDateFailed}</span>}
        </form>
      )}
    </div>
  );
}

/** YYYY-MM-DD of the reader's own calendar, as a date input writes it. */
function localDay(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
