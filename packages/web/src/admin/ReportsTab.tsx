import type { Report, ReportAction } from "@natter/protocol";
import { useCallback, useEffect, useState } from "react";
import type { TabProps } from "./tabs";
import { useModerationText } from "./moderationText";
import { useErrorText } from "../i18n/errorText";

const RESOLVED = { dismiss: "dismissed", delete: "deleted", ban: "banned" } as const;

/** Open reports, newest first, of the rooms the moderator can see; each is dismissed, or acted on by deleting or banning. */
export function ReportsTab({ client }: TabProps) {
  const text = useModerationText();
  const errorText = useErrorText();
  const [reports, setReports] = useState<Report[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [notice, setNotice] = useState("");
  const [error, setError] = useState("");

  const load = useCallback(
    async (before?: number) => {
      setError("");
      try {
        const page = await client.admin.reports({ before });
        setReports((shown) => (before && shown ? [...shown, ...page.reports] : page.reports));
        setNext(page.nextBefore);
      } catch (failure) {
        setError(errorText(failure));
      }
    },
    [client],
  );
  useEffect(() => void load(), [load]);

  async function resolve(report: Report, action: ReportAction) {
    setError("");
    try {
      await client.admin.resolveReport(report.id, action);
      setNotice(text.resolved[RESOLVED[action]]);
      await load();
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  return (
    <section aria-labelledby="reports-title" data-testid="reports-tab">
      <h2 id="reports-title">{text.reportsTitle}</h2>
      <p role="status" data-testid="reports-notice">
        {notice}
      </p>
      {error && (
        <p className="error" role="alert" data-testid="reports-error">
          {error}
        </p>
      )}
      {reports === null ? null : reports.length === 0 ? (
        <p data-testid="reports-empty">{text.reportsEmpty}</p>
      ) : (
        <ul className="report-list" data-testid="reports-list">
          {reports.map((report) => (
            <li key={report.id} data-testid={`report-${report.id}`}>
              <article aria-labelledby={`report-${report.id}-title`}>
                <h3 id={`report-${report.id}-title`}>{text.reportIn(report.author.username, report.room)}</h3>
                <blockquote data-testid="report-excerpt">{report.messageDeleted ? text.messageGone : report.excerpt}</blockquote>
                <p>
                  <strong>{text.reason}:</strong> <span data-testid="report-reason">{report.reason}</span>
                </p>
                <p className="meta">{text.reportedBy(report.reporter.username, new Date(report.createdAt).toLocaleString())}</p>
                <div className="row">
                  <button type="button" className="small" onClick={() => void resolve(report, "dismiss")} data-testid="report-dismiss">
                    {text.dismiss}
                  </button>
                  {!report.messageDeleted && (
                    <button type="button" className="small danger" onClick={() => void resolve(report, "delete")} data-testid="report-delete">
                      {text.deleteMessage}
                    </button>
                  )}
                  <button type="button" className="small danger" onClick={() => void resolve(report, "ban")} data-testid="report-ban">
                    {text.banAuthor(report.author.username, report.room)}
                  </button>
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
      {next !== null && (
        <button type="button" onClick={() => void load(next)} data-testid="reports-more">
          {text.more}
        </button>
      )}
    </section>
  );
}
