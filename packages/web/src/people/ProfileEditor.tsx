import type { Profile } from "@natter/protocol";
import { useState } from "react";
import { useChat } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";
import { useErrorText } from "../i18n/errorText";

export function ProfileEditor({ profile, onSaved }: { profile: Profile; onSaved(profile: Profile): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const { store } = useChat();
  const [displayName, setDisplayName] = useState(profile.displayName);
  const [status, setStatus] = useState(profile.status);
  const [error, setError] = useState("");
  return (
    <form
      className="profile-editor"
      aria-label={t.editProfile}
      onSubmit={(event) => {
        event.preventDefault();
        store.server.updateProfile({ displayName, status }).then(
          (user) => onSaved({ ...profile, ...user }),
          (failure: unknown) => setError(errorText(failure)),
        );
      }}
    >
      <label>
        {t.displayName}
        <input value={displayName} onChange={(event) => setDisplayName(event.target.value)} maxLength={64} />
      </label>
      <label>
        {t.status}
        <input value={status} onChange={(event) => setStatus(event.target.value)} maxLength={140} />
      </label>
      <button type="submit" className="small">
        {t.save}
      </button>
      {error && <p className="error">{error}</p>}
    </form>
  );
}
