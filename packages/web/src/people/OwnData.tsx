import type { DataExport } from "@natter/protocol";
import { useEffect, useState } from "react";
import { useChat, useChatState } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";
import { useErrorText } from "../i18n/errorText";

/** "Download my data" (made in the background, announced when ready) and "delete my account" (with the password). */
export function OwnData() {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const { store } = useChat();
  const { me } = useChatState();
  const [archive, setArchive] = useState<DataExport | null>(null);
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  useEffect(() => store.server.onDataExportReady((ready) => setArchive((asked) => (asked && asked.id === ready.id ? ready : asked))), [store]);
  // Only the password was typed here, so a refusal of the credentials is about it.
  const fail = (failure: unknown) =>
    setError(
      typeof failure === "object" && failure !== null && "code" in failure && failure.code === "INVALID_CREDENTIALS" ? t.wrongPassword : errorText(failure),
    );
  return (
    <section className="own-data" aria-labelledby="own-data-title" data-testid="own-data">
      <h3 id="own-data-title">{t.myData}</h3>
      <button
        type="button"
        className="small"
        disabled={archive?.status === "preparing"}
        onClick={() => store.server.requestDataExport().then(setArchive, fail)}
        data-testid="download-my-data"
      >
        {t.downloadMyData}
      </button>
      <p role="status" className="meta" data-testid="my-data-status">
        {archive?.status === "preparing" && t.preparingMyData}
        {archive?.status === "ready" && t.myDataReady(new Date(archive.expiresAt).toLocaleString(locale))}
        {archive?.status === "failed" && t.myDataFailed}
      </p>
      {archive?.status === "ready" && archive.url && (
        <a href={archive.url} download data-testid="my-data-link">
          {t.myDataDownload}
        </a>
      )}
      {/* Guests have no password to confirm with: their account ends when they log out. */}
      {me.kind === "member" && (
        <form
          className="delete-account"
          aria-labelledby="delete-account-title"
          onSubmit={(event) => {
            event.preventDefault();
            store.server.deleteAccount(password).catch(fail);
          }}
        >
          <h3 id="delete-account-title">{t.deleteAccount}</h3>
          <p className="meta">{t.deleteAccountHint}</p>
          <label>
            {t.password}
            <input
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              required
              data-testid="delete-password"
            />
          </label>
          <button type="submit" className="small danger" data-testid="delete-account">
            {t.deleteAccountConfirm}
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
