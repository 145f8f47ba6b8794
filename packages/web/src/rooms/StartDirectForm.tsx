import { useState } from "react";
import { useChat } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";

/** One name starts a DM; several, separated by commas or spaces, start a group DM. */
export function StartDirectForm() {
  const { t } = useI18n();
  const { store } = useChat();
  const [names, setNames] = useState("");
  return (
    <form
      className="start-direct"
      onSubmit={(event) => {
        event.preventDefault();
        const people = names.split(/[\s,，、]+/).filter(Boolean);
        if (people.length === 0) return;
        void store.openDirect(people);
        setNames("");
      }}
    >
      <input
        aria-label={t.directNames}
        placeholder={t.directNames}
        value={names}
        onChange={(event) => setNames(event.target.value)}
        data-testid="direct-names"
      />
      <button type="submit" className="small" data-testid="start-direct">
        {t.startDirect}
      </button>
    </form>
  );
}
