import { useI18n } from "../i18n/I18n";
import { useChatState } from "./ChatContext";

export function TypingLine({ room }: { room: string }) {
  const { t } = useI18n();
  const names = Object.keys(useChatState().typing[room] ?? {});
  return (
    <div className="typing" aria-live="polite" data-testid="typing">
      {names.length > 0 ? t.someoneTyping(names) : ""}
    </div>
  );
}
