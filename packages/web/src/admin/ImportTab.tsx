import type { ImportJob } from "@natter/protocol";
import { useEffect, useState, type FormEvent } from "react";
import { ImportReport } from "../integrations/ImportReport";
import { useIntegrationText } from "../integrations/text";
import { useErrorText } from "../i18n/errorText";
import type { TabProps } from "./tabs";
import { useConsoleText } from "./text";

/** How often a running import's progress is read: the server counts day files, so a second's steps are plenty. */
const POLL_MS = 500;
const LAST_JOB = "natter.importJob";

/** Upload a Slack export (or dry-run it), watch it go, then read what came in and what was skipped. */
export function ImportTab({ client }: TabProps) {
  const text = useIntegrationText();
  const consoleText = useConsoleText();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [uploaded, setUploaded] = useState<number | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const errorText = useErrorText();
  const [error, setError] = useState("");

  // Back on the tab (or after a reload), the last job started here is shown again, still running or done.
  useEffect(() => {
    const id = sessionStorage.getItem(LAST_JOB);
    if (id) void client.importJob(id).then(setJob, () => sessionStorage.removeItem(LAST_JOB));
  }, [client]);

  // The server offers a progress read, not a push: read it until the job ends.
  useEffect(() => {
    if (job?.state !== "running") return;
    const timer = setTimeout(() => void client.importJob(job.id).then(setJob, (failure: unknown) => setError(errorText(failure))), POLL_MS);
    return () => clearTimeout(timer);
  }, [client, job]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setError("");
    setJob(null);
    setUploaded(0);
    try {
      const started = await client.startImport(file, { dryRun, onProgress: setUploaded });
      sessionStorage.setItem(LAST_JOB, started.id);
      setJob(started);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setUploaded(null);
    }
  }

  const busy = uploaded !== null || job?.state === "running";
  return (
    <section aria-labelledby="import-title" data-testid="import-tab">
      <h2 id="import-title">{text.importTitle}</h2>
      <p>{text.importIntro}</p>
      <form className="console-form" onSubmit={(event) => void submit(event)}>
        <label>
          {text.importFile}
          <input type="file" accept=".zip,application/zip" required onChange={(event) => setFile(event.target.files?.[0] ?? null)} data-testid="import-file" />
        </label>
        <label className="check">
          <input type="checkbox" checked={dryRun} onChange={(event) => setDryRun(event.target.checked)} data-testid="import-dry-run" />
          {text.importDryRun}
        </label>
        <button type="submit" disabled={busy || !file} data-testid="import-start">
          {text.importStart}
        </button>
      </form>
      {uploaded !== null && (
        <label>
          {text.importUploading}
          <progress className="import-progress" max={1} value={uploaded} data-testid="upload-progress" />
        </label>
      )}
      {job && (
        <div className="import-job">
          <label>
            {text.importProgress}
            <progress className="import-progress" max={Math.max(job.filesTotal, 1)} value={job.filesDone} data-testid="import-progress" />
          </label>
          <p role="status" data-testid="import-state">
            {job.state === "running" ? text.importReading(job.step) : job.state === "done" ? text.importDone(job.dryRun) : text.importFailed(job.error ?? "")}
          </p>
          {job.state !== "running" && <ImportReport job={job} />}
        </div>
      )}
      {error && (
        <p className="error" role="alert" data-testid="import-error">
          {consoleText.failed(error)}
        </p>
      )}
    </section>
  );
}
