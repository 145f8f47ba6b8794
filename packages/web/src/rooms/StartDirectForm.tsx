import type { Person } from "@natter/protocol";
import { useMemo, useState } from "react";
import { useChat, useChatState } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";
import { PeoplePicker } from "../people/PeoplePicker";
import { usePeopleText } from "../people/text";

/** One person chosen starts a DM; several start a group DM. */
export function StartDirectForm() {
  const { t } = useI18n();
  const text = usePeopleText();
  const { store } = useChat();
  const { me } = useChatState();
  const [chosen, setChosen] = useState<Person[]>([]);
  const exclude = useMemo(() => [me.id], [me.id]);
  return (
    <form
      className="start-direct"
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen.length === 0) return;
        void store.openDirect(chosen.map((person) => person.username));
        setChosen([]);
      }}
    >
      <PeoplePicker chosen={chosen} onChange={setChosen} exclude={exclude} label={text.newDirect} testId="direct-picker" />
      <button type="submit" className="small" data-testid="start-direct">
        {t.startDirect}
      </button>
    </form>
  );
}
