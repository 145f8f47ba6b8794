import type { Message } from "@natter/protocol";
import { useId, useRef, useState, type FormEvent } from "react";
import { useFocusTrap } from "../attachments/useFocusTrap";
import { useChat } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";
import { useErrorText } from "../i18n/errorText";

/** Asks why the message is reported and sends it to the moderators; Escape or Cancel closes it, focus goes back. */
export function ReportDialog({ message, onClose }: { message: Message; onClose(): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { store } = useChat();
  const [reason, setReason] = useState("");
  const [state, setState] = useState<{ sent: boolean; error: string }>({ sent: false, error: "" });
  const dialog = useRef<HTMLDivElement>(null);
  const trap = useFocusTrap(dialog);
  const titleId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return;
    try {
      await store.server.report(message.id, reason.trim());
      setState({ sent: true, error: "" });
    } catch (failure) {
      setState({ sent: false, error: errorText(failure) });
    }
  }

  return (
    <div
      ref={dialog}
      className="dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
        else trap(event);
      }}
      data-testid="report-dialog"
    >
      <h2 id={titleId}>{t.reportTitle}</h2>
      {state.sent ? (
        <>
          <p role="status" data-testid="report-sent">
            {t.reportSent}
          </p>
          <button type="button" onClick={onClose} data-testid="report-close">
            {t.close}
          </button>
        </>
      ) : (
        <form onSubmit={(event) => void submit(event)}>
          <label>
            {t.reportReason}
            <textarea value={reason} maxLength={500} required onChange={(event) => setReason(event.target.value)} data-testid="report-reason-input" />
          </label>
          {state.error && (
            <p className="error" role="alert">
              {state.error}
            </p>
          )}
          <div className="row">
            <button type="submit" data-testid="report-send">
              {t.reportSend}
            </button>
            <button type="button" onClick={onClose}>
              {t.cancel}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
