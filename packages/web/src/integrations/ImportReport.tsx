import type { ImportCounts, ImportJob } from "@natter/protocol";
import { useIntegrationText } from "./text";

const countOrder: (keyof ImportCounts)[] = [
  "users",
  "rooms",
  "members",
  "messages",
  "replies",
  "reactions",
  "files",
  "filesWithoutBytes",
  "alreadyImported",
  "skipped",
];

/** What a finished import brought in (or, dry, would bring), then each thing it left out and why. */
export function ImportReport({ job }: { job: ImportJob }) {
  const text = useIntegrationText();
  return (
    <div className="import-report" data-testid="import-report">
      <h3>{job.dryRun ? text.importCountsDry : text.importCounts}</h3>
      <dl className="console-stats">
        {countOrder.map((name) => (
          <div key={name}>
            <dt>{text.countNames[name]}</dt>
            <dd data-testid={`import-count-${name}`}>{job.counts[name]}</dd>
          </div>
        ))}
      </dl>
      {job.skipped.length > 0 && (
        <>
          <h3>{text.importSkipped}</h3>
          {job.counts.skipped > job.skipped.length && <p className="meta">{text.importSkippedMore(job.skipped.length, job.counts.skipped)}</p>}
          <table className="console-table" data-testid="import-skips">
            <tbody>
              {job.skipped.map((skip, index) => (
                <tr key={index} data-testid="import-skip">
                  <th scope="row">{skip.what}</th>
                  <td>{skip.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
