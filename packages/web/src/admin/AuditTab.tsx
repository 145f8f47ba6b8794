import type { AuditEntry, AuditQuery } from "@natter/protocol";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import type { TabProps } from "./tabs";
import { useConsoleText } from "./text";
import { useErrorText } from "../i18n/errorText";

interface Filter {
  action: string;
  actor: string;
  since: string;
  until: string;
}

const noFilter: Filter = { action: "", actor: "", since: "", until: "" };

/** `datetime-local` gives local wall time without a zone; the server wants ISO 8601 with one. */
const isoOf = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

function queryOf(filter: Filter, before?: number): AuditQuery {
  return {
    action: filter.action.trim() || undefined,
    actor: filter.actor.trim() || undefined,
    since: isoOf(filter.since),
    until: isoOf(filter.until),
    before,
  };
}

/** The audit log, newest first, filtered by action, actor and time, a page at a time. */
export function AuditTab({ client }: TabProps) {
  const text = useConsoleText();
  const errorText = useErrorText();
  const [draft, setDraft] = useState<Filter>(noFilter);
  const [filter, setFilter] = useState<Filter>(noFilter);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState("");

  const load = useCallback(
    async (before?: number) => {
      setError("");
      try {
        const page = await client.admin.audit(queryOf(filter, before));
        setEntries((shown) => (before && shown ? [...shown, ...page.entries] : page.entries));
        setNext(page.nextBefore);
      } catch (failure) {
        setError(errorText(failure));
      }
    },
    [client, filter],
  );
  useEffect(() => void load(), [load]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setFilter(draft);
  }
  const field = (name: keyof Filter, label: string, type = "text") => (
    <label>
      {label}
      <input type={type} value={draft[name]} onChange={(event) => setDraft({ ...draft, [name]: event.target.value })} data-testid={`audit-${name}`} />
    </label>
  );

  return (
    <section aria-labelledby="audit-title" data-testid="audit-tab">
      <h2 id="audit-title">{text.auditTitle}</h2>
      <form className="console-filters" onSubmit={submit} data-testid="audit-filters">
        {field("action", text.auditAction)}
        {field("actor", text.auditActor)}
        {field("since", text.auditSince, "datetime-local")}
        {field("until", text.auditUntil, "datetime-local")}
        <button type="submit">{text.auditFilter}</button>
        <a href={client.admin.auditExportUrl(queryOf(filter))} download data-testid="audit-export">
          {text.auditExport}
        </a>
      </form>
      {error && (
        <p className="error" role="alert" data-testid="audit-error">
          {text.failed(error)}
        </p>
      )}
      {entries === null ? (
        <p role="status">{text.loading}</p>
      ) : entries.length === 0 ? (
        <p data-testid="audit-empty">{text.auditEmpty}</p>
      ) : (
        <table className="console-table" data-testid="audit-entries">
          <thead>
            <tr>
              <th scope="col">{text.auditTime}</th>
              <th scope="col">{text.auditActor}</th>
              <th scope="col">{text.auditAction}</th>
              <th scope="col">{text.auditTarget}</th>
              <th scope="col">{text.auditAddress}</th>
              <th scope="col">{text.auditDetails}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} data-testid="audit-entry">
                <td>
                  <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
                </td>
                <td>{entry.actor}</td>
                <td>{entry.action}</td>
                <td>{entry.target}</td>
                <td>{entry.address}</td>
                <td className="details">{Object.keys(entry.details).length > 0 ? JSON.stringify(entry.details) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next !== null && (
        <button type="button" onClick={() => void load(next)} data-testid="audit-more">
          {text.more}
        </button>
      )}
    </section>
  );
}
