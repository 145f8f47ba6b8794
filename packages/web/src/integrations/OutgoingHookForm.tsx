import { useState } from "react";
import { useIntegrationText } from "./text";

export interface OutgoingHookInput {
  room?: string;
  bot?: string;
  url: string;
  triggerWords: string[];
}

/** The receiver's URL, optional trigger words, and (server admins only) a bot's mentions instead of the room's messages. */
export function OutgoingHookForm({ room, offerBots, onSubmit }: { room: string; offerBots: boolean; onSubmit(input: OutgoingHookInput): void }) {
  const text = useIntegrationText();
  const [url, setUrl] = useState("");
  const [words, setWords] = useState("");
  const [target, setTarget] = useState<"room" | "bot">("room");
  const [bot, setBot] = useState("");

  return (
    <form
      className="integration-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!url.trim() || (target === "bot" && !bot.trim())) return;
        const triggerWords = words.split(/\s+/u).filter(Boolean);
        onSubmit(target === "bot" ? { bot: bot.trim().replace(/^@/u, ""), url: url.trim(), triggerWords } : { room, url: url.trim(), triggerWords });
        setUrl("");
        setWords("");
      }}
    >
      <label>
        {text.outgoingUrl}
        <input type="url" required value={url} onChange={(event) => setUrl(event.target.value)} maxLength={2000} data-testid="outgoing-url" />
      </label>
      <label>
        {text.triggerWords}
        <input value={words} onChange={(event) => setWords(event.target.value)} maxLength={400} data-testid="outgoing-words" />
      </label>
      {offerBots && (
        <fieldset>
          <legend>{text.hookTarget}</legend>
          <label className="check">
            <input type="radio" name={`target-${room}`} checked={target === "room"} onChange={() => setTarget("room")} data-testid="target-room" />
            {text.targetRoom}
          </label>
          <label className="check">
            <input type="radio" name={`target-${room}`} checked={target === "bot"} onChange={() => setTarget("bot")} data-testid="target-bot" />
            {text.targetBot}
          </label>
          {target === "bot" && (
            <label>
              {text.botName}
              <input value={bot} onChange={(event) => setBot(event.target.value)} maxLength={32} data-testid="outgoing-bot" />
            </label>
          )}
        </fieldset>
      )}
      <button type="submit" className="small" data-testid="add-outgoing">
        {text.addOutgoingHook}
      </button>
    </form>
  );
}
