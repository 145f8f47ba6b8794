import type { AccessSettings, RegistrationMode } from "@natter/protocol";
import { useEffect, useState, type FormEvent } from "react";
import { useErrorText } from "../i18n/errorText";
import type { TabProps } from "./tabs";
import { useConsoleText } from "./text";

const MODES: RegistrationMode[] = ["open", "invite", "closed"];

/** Who gets in: registration, guests and their powers, email domains, personal tokens. */
export function SettingsTab({ client }: TabProps) {
  const text = useConsoleText();
  const errorText = useErrorText();
  const [settings, setSettings] = useState<AccessSettings | null>(null);
  const [domains, setDomains] = useState("");
  const [error, setError] = useState("");
  const [saved, setSaved] = useState(false);

  function show(value: AccessSettings) {
    setSettings(value);
    setDomains(value.allowedEmailDomains.join("\n"));
  }
  useEffect(() => {
    client.admin.settings().then(show, (failure: unknown) => setError(errorText(failure)));
  }, [client]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!settings) return;
    setError("");
    setSaved(false);
    try {
      const allowedEmailDomains = domains
        .split(/[\s,]+/)
        .map((domain) => domain.trim())
        .filter(Boolean);
      show(await client.admin.updateSettings({ ...settings, allowedEmailDomains }));
      setSaved(true);
    } catch (failure) {
      setError(errorText(failure));
    }
  }
  const change = (patch: Partial<AccessSettings>) => settings && (setSaved(false), setSettings({ ...settings, ...patch }));
  const power = (key: keyof AccessSettings["guestPowers"], label: string) =>
    settings && (
      <label className="check">
        <input
          type="checkbox"
          checked={settings.guestPowers[key]}
          onChange={(event) => change({ guestPowers: { ...settings.guestPowers, [key]: event.target.checked } })}
          data-testid={`power-${key}`}
        />
        {label}
      </label>
    );

  return (
    <section aria-labelledby="settings-title" data-testid="settings-tab">
      <h2 id="settings-title">{text.settingsTitle}</h2>
      {!settings && !error && <p role="status">{text.loading}</p>}
      {settings && (
        <form className="console-settings" onSubmit={(event) => void submit(event)} data-testid="settings-form">
          <fieldset>
            <legend>{text.registration}</legend>
            {MODES.map((mode) => (
              <label key={mode} className="check">
                <input
                  type="radio"
                  name="registration"
                  value={mode}
                  checked={settings.registration === mode}
                  onChange={() => change({ registration: mode })}
                  data-testid={`registration-${mode}`}
                />
                {text.registrationModes[mode]}
              </label>
            ))}
          </fieldset>
          <label className="check">
            <input type="checkbox" checked={settings.guests} onChange={(event) => change({ guests: event.target.checked })} data-testid="settings-guests" />
            {text.guests}
          </label>
          <fieldset>
            <legend>{text.guestPowers}</legend>
            {power("joinPublicRooms", text.guestJoin)}
            {power("createRooms", text.guestCreate)}
            {power("directMessages", text.guestDirects)}
          </fieldset>
          <label>
            {text.emailDomains}
            <textarea rows={3} value={domains} onChange={(event) => (setSaved(false), setDomains(event.target.value))} data-testid="settings-domains" />
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={settings.personalTokens}
              onChange={(event) => change({ personalTokens: event.target.checked })}
              data-testid="settings-tokens"
            />
            {text.personalTokens}
          </label>
          <button type="submit" data-testid="save-settings">
            {text.saveSettings}
          </button>
        </form>
      )}
      {saved && (
        <p role="status" data-testid="settings-saved">
          {text.saved}
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="settings-error">
          {text.failed(error)}
        </p>
      )}
    </section>
  );
}
