import { useCallback, useState, type ReactNode } from "react";
import { messageOf } from "../admin/failure";

/** A screen's last refusal, as the server worded it: `fail` keeps it, `clear` forgets it, `note` shows it. */
export function useFailure(): { fail(failure: unknown): void; clear(): void; note: ReactNode } {
  const [error, setError] = useState("");
  const fail = useCallback((failure: unknown) => setError(messageOf(failure)), []);
  const clear = useCallback(() => setError(""), []);
  const note = error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;
  return { fail, clear, note };
}
