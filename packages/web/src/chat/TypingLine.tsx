import { useI18n } from "../i18n/I18n";
import { useKnownPeople } from "../people/usePeople";
import { useChatState } from "./ChatContext";

export function TypingLine({ room }: { room: string }) {
  const { t } = useI18n();
  const people = Object.values(useKnownPeople());
  // Typing is told by username; what is shown is the display name, once known.
  const names = Object.keys(useChatState().typing[room] ?? {}).map((name) => people.find((person) => person.username === name)?.displayName ?? name);
  return (
    <div className="typing" aria-live="polite" data-testid="typing">
      {names.length > 0 ? t.someoneTyping(names) : ""}
    </div>
  );
}
