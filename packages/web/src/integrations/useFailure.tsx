import { useCallback, useState, type ReactNode } from "react";
import { useErrorText } from "../i18n/errorText";

/** A screen's last refusal, in the reader's language from its code: `fail` keeps it, `clear` forgets it, `note` shows it. */
export function useFailure(): { fail(failure: unknown): void; clear(): void; note: ReactNode } {
  const errorText = useErrorText();
  const [error, setError] = useState("");
  const fail = useCallback((failure: unknown) => setError(errorText(failure)), [errorText]);
  const clear = useCallback(() => setError(""), []);
  const note = error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;
  return { fail, clear, note };
}
