import type { Message } from "@natter/protocol";
import { useState } from "react";
import { useChat } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";

export function EditForm({ message, onDone }: { message: Message; onDone(): void }) {
  const { t } = useI18n();
  const { store } = useChat();
  const [text, setText] = useState(message.text);
  const save = async () => {
    if (text.trim() && text !== message.text) await store.edit(message, text);
    onDone();
  };
  return (
    <form
      className="edit-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <textarea
        aria-label={t.edit}
        data-testid="edit-input"
        value={text}
        autoFocus
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") onDone();
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            void save();
          }
        }}
      />
      <button type="submit" className="small" data-testid="edit-save">
        {t.save}
      </button>
      <button type="button" className="small" onClick={onDone}>
        {t.cancel}
      </button>
    </form>
  );
}
