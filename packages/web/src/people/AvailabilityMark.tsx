import type { Availability } from "@natter/protocol";
import { useI18n } from "../i18n/I18n";
import { liveStatus, shownState } from "./availability";

/** The dot beside an online person (green, away or do-not-disturb) with its meaning for screen readers. */
export function PresenceDot({ availability }: { availability: Availability | undefined }) {
  const { t } = useI18n();
  const shown = shownState(availability);
  const label = shown === "dnd" ? t.doNotDisturb : shown === "away" ? t.away : t.online;
  return <span className={`presence on ${shown}`} role="img" aria-label={label} data-testid="presence-dot" data-state={shown} />;
}

/** The custom status after a name: the emoji, and the text as its tooltip (or shown, when asked). */
export function StatusNote({ availability, withText = false }: { availability: Availability | undefined; withText?: boolean }) {
  const status = liveStatus(availability);
  if (!status) return null;
  const { emoji: statusEmoji, text: statusText } = status;
  return (
    <span className="status-note" title={statusText} data-testid="status-note">
      {statusEmoji && <span aria-hidden={statusText ? "true" : undefined}>{statusEmoji}</span>}
      {(withText || !statusEmoji) && statusText ? ` ${statusText}` : statusText && <span className="sr-only">{statusText}</span>}
    </span>
  );
}
