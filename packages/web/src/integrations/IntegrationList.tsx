import type { ReactNode } from "react";
import "./integrations.css";

/** One integration's row: what it is, facts about it (scopes, last use, URL…) and what can be done with it. */
export interface IntegrationRow {
  key: string | number;
  title: ReactNode;
  facts?: readonly ReactNode[];
  actions?: ReactNode;
  /** Below the row: a delivery log, a detail the row opens. */
  details?: ReactNode;
}

/**
 * The list every integration screen shows (tokens, incoming and outgoing webhooks, slash commands), so they read,
 * wrap and announce themselves alike. `empty` is said when there is nothing yet, rather than an empty list.
 */
export function IntegrationList({ rows, label, empty, testId }: { rows: readonly IntegrationRow[]; label: string; empty: string; testId: string }) {
  if (rows.length === 0) return <p className="meta">{empty}</p>;
  return (
    <ul className="integration-list" aria-label={label}>
      {rows.map((row) => (
        <li key={row.key} data-testid={testId}>
          <div className="integration-row">
            <span className="integration-title">{row.title}</span>
            {row.facts?.map((fact, index) => (
              <span key={index} className="meta">
                {fact}
              </span>
            ))}
            {row.actions}
          </div>
          {row.details}
        </li>
      ))}
    </ul>
  );
}
