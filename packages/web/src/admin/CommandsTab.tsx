import type { Command } from "@natter/protocol";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { IntegrationList } from "../integrations/IntegrationList";
import { ShownOnce } from "../integrations/ShownOnce";
import { useIntegrationText } from "../integrations/text";
import { useErrorText } from "../i18n/errorText";
import type { TabProps } from "./tabs";
import { useConsoleText } from "./text";

const blank = { command: "/", url: "", description: "", usage: "" };

/** Custom slash commands: registered with the URL Natter posts to and their help, listed, deleted. */
export function CommandsTab({ client }: TabProps) {
  const text = useIntegrationText();
  const consoleText = useConsoleText();
  const [commands, setCommands] = useState<Command[]>([]);
  const [form, setForm] = useState(blank);
  const [shown, setShown] = useState<{ command: string; secret: string } | null>(null);
  const errorText = useErrorText();
  const [error, setError] = useState("");
  const load = useCallback(() => void client.integrations.commands().then(setCommands, (failure: unknown) => setError(errorText(failure))), [client]);
  useEffect(load, [load]);

  async function run(action: () => Promise<void>) {
    setError("");
    try {
      await action();
      load();
    } catch (failure) {
      setError(errorText(failure));
    }
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const { command, secret } = await client.integrations.createCommand({ ...form, command: form.command.trim().toLowerCase() });
      setShown({ command: command.command, secret });
      setForm(blank);
    });
  }
  const field = (name: keyof typeof blank, label: string, extra: { type?: string; maxLength: number; required?: boolean }) => (
    <label>
      {label}
      <input value={form[name]} onChange={(event) => setForm({ ...form, [name]: event.target.value })} data-testid={`command-${name}`} {...extra} />
    </label>
  );

  return (
    <section className="integrations" aria-labelledby="commands-title" data-testid="commands-tab">
      <h2 id="commands-title">{text.commandsTitle}</h2>
      <IntegrationList
        label={text.commandsTitle}
        empty={text.noCommands}
        testId="custom-command"
        rows={commands.flatMap(({ id, ...command }) =>
          command.builtIn || id === null
            ? []
            : {
                key: id,
                title: command.usage || command.command,
                facts: [command.description, command.url ?? ""],
                actions: (
                  <button type="button" className="small danger" onClick={() => void run(() => client.integrations.deleteCommand(id))}>
                    {text.deleteCommand(command.command)}
                  </button>
                ),
              },
        )}
      />
      {shown && <ShownOnce label={text.commandSecret(shown.command)} value={shown.secret} testId="command-secret" />}
      <form className="console-form" onSubmit={submit}>
        {field("command", text.commandName, { maxLength: 33, required: true })}
        {field("url", text.commandUrl, { type: "url", maxLength: 2000, required: true })}
        {field("description", text.commandDescription, { maxLength: 200, required: true })}
        {field("usage", text.commandUsage, { maxLength: 100 })}
        <button type="submit" data-testid="add-command">
          {text.addCommand}
        </button>
      </form>
      {error && (
        <p className="error" role="alert" data-testid="commands-error">
          {consoleText.failed(error)}
        </p>
      )}
    </section>
  );
}
