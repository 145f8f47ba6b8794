import { X } from "lucide-react";
import { createElement } from "react";
import { fileIcon, humanSize } from "./fileFacts";
import { useAttachmentText } from "./text";
import type { Uploads } from "./useUploads";

/** The files waiting to go with the next message: progress while uploading, then a way to drop each. */
export function UploadTray({ uploads }: { uploads: Uploads }) {
  const text = useAttachmentText();
  if (uploads.items.length === 0 && !uploads.limitReached) return null;
  return (
    <div className="upload-tray" data-testid="upload-tray">
      <ul aria-label={text.uploadsLabel}>
        {uploads.items.map((item) => (
          <li key={item.key} className={`upload-chip ${item.status}`} data-testid="upload-chip" data-status={item.status}>
            <span aria-hidden="true">{createElement(fileIcon(item.file.type))}</span>
            <span className="upload-name" title={item.file.name}>
              {item.file.name}
            </span>
            <span className="meta">{humanSize(item.file.size, text.sizeUnits)}</span>
            {item.status === "uploading" && <progress max={1} value={item.progress} aria-label={text.uploading(item.file.name)} />}
            {item.status === "failed" && (
              <span className="upload-error" role="alert">
                {text.uploadFailed}: {item.error}
              </span>
            )}
            <button
              type="button"
              className="icon"
              aria-label={item.status === "uploading" ? text.cancelUpload(item.file.name) : text.removeFile(item.file.name)}
              onClick={() => uploads.remove(item.key)}
              data-testid="upload-remove"
            >
              <X />
            </button>
          </li>
        ))}
      </ul>
      {uploads.limitReached && (
        <p className="upload-error" role="alert" data-testid="upload-limit">
          {text.tooManyFiles(uploads.maxFiles)}
        </p>
      )}
    </div>
  );
}
