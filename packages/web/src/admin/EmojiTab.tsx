import { CUSTOM_EMOJI_NAME, type CustomEmoji } from "@natter/protocol";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { useErrorText } from "../i18n/errorText";
import type { TabProps } from "./tabs";
import { useConsoleText } from "./text";

/** Custom emoji: an admin uploads an image under a name, sees them all, deletes one. Every tab hears each change. */
export function EmojiTab({ client }: TabProps) {
  const text = useConsoleText();
  const [emoji, setEmoji] = useState<CustomEmoji[] | null>(null);
  const [name, setName] = useState("");
  const errorText = useErrorText();
  const [error, setError] = useState("");
  const file = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    try {
      setEmoji(await client.customEmoji());
    } catch (failure) {
      setError(errorText(failure));
    }
  }, [client]);
  useEffect(() => void load(), [load]);

  async function run(action: () => Promise<CustomEmoji[]>) {
    setError("");
    try {
      setEmoji(await action());
    } catch (failure) {
      setError(errorText(failure));
    }
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    const image = file.current?.files?.[0];
    if (!image) return;
    void run(async () => {
      const added = await client.admin.addCustomEmoji(name, image);
      setName("");
      if (file.current) file.current.value = "";
      return added;
    });
  }

  return (
    <section aria-labelledby="emoji-title" data-testid="emoji-tab">
      <h2 id="emoji-title">{text.emojiTitle}</h2>
      <p id="emoji-hint">{text.emojiHint}</p>
      <form className="console-form" onSubmit={submit} aria-describedby="emoji-hint" data-testid="emoji-form">
        <label>
          {text.emojiName}
          <input
            required
            value={name}
            pattern={CUSTOM_EMOJI_NAME.source.slice(1, -1)}
            maxLength={32}
            onChange={(event) => setName(event.target.value.toLowerCase())}
            data-testid="emoji-name"
          />
        </label>
        <label>
          {text.emojiFile}
          <input ref={file} required type="file" accept="image/png,image/gif,image/webp" data-testid="emoji-file" />
        </label>
        <button type="submit" data-testid="emoji-add">
          {text.emojiAdd}
        </button>
      </form>
      {error && (
        <p className="error" role="alert" data-testid="emoji-error">
          {text.failed(error)}
        </p>
      )}
      {emoji === null ? (
        <p role="status">{text.loading}</p>
      ) : emoji.length === 0 ? (
        <p>{text.emojiNone}</p>
      ) : (
        <table className="console-table" data-testid="emoji-list">
          <thead>
            <tr>
              <th scope="col">{text.emojiImage}</th>
              <th scope="col">{text.emojiName}</th>
              <th scope="col">{text.by}</th>
              <th scope="col">{text.created}</th>
              <th scope="col">{text.actions}</th>
            </tr>
          </thead>
          <tbody>
            {emoji.map((one) => (
              <tr key={one.name} data-testid={`emoji-${one.name}`}>
                <td>
                  <img className="custom-emoji" src={one.url} alt={`:${one.name}:`} />
                </td>
                <th scope="row">:{one.name}:</th>
                <td>{one.createdBy ?? "—"}</td>
                <td>
                  <time dateTime={one.createdAt}>{new Date(one.createdAt).toLocaleString()}</time>
                </td>
                <td>
                  <button
                    type="button"
                    className="small danger"
                    aria-label={text.emojiDelete(one.name)}
                    onClick={() => void run(() => client.admin.deleteCustomEmoji(one.name))}
                    data-testid={`delete-emoji-${one.name}`}
                  >
                    {text.delete}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
