import type { Overview } from "@natter/protocol";
import { useEffect, useState } from "react";
import { useErrorText } from "../i18n/errorText";
import type { TabProps } from "./tabs";
import { useConsoleText } from "./text";

/** The server at a glance: people, rooms, messages, who is online and the files' size. */
export function OverviewTab({ client }: TabProps) {
  const text = useConsoleText();
  const errorText = useErrorText();
  const [numbers, setNumbers] = useState<Overview | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    client.admin.overview().then(setNumbers, (failure: unknown) => setError(errorText(failure)));
  }, [client]);

  const stats: [string, string, string][] = numbers
    ? [
        ["people", text.statPeople, String(numbers.people)],
        ["deactivated", text.statDeactivated, String(numbers.deactivated)],
        ["rooms", text.statRooms, String(numbers.rooms)],
        ["messages", text.statMessages, String(numbers.messages)],
        ["online", text.statOnline, String(numbers.onlineNow)],
        ["storage", text.statStorage, text.bytes(numbers.storageBytes)],
      ]
    : [];
  return (
    <section aria-labelledby="overview-title" data-testid="overview-tab">
      <h2 id="overview-title">{text.overviewTitle}</h2>
      {error && (
        <p className="error" role="alert">
          {text.failed(error)}
        </p>
      )}
      {!numbers && !error && <p role="status">{text.loading}</p>}
      {numbers && (
        <dl className="console-stats">
          {stats.map(([id, label, value]) => (
            <div key={id}>
              <dt>{label}</dt>
              <dd data-testid={`stat-${id}`}>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
