import { Paperclip } from "lucide-react";
import { useRef } from "react";
import { useAttachmentText } from "./text";

/** A paper-clip button over a hidden multiple-file input. */
export function AttachButton({ onFiles, disabled = false }: { onFiles(files: File[]): void; disabled?: boolean }) {
  const text = useAttachmentText();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="icon attach-button"
        aria-label={text.attach}
        title={text.attach}
        disabled={disabled}
        onClick={() => input.current?.click()}
        data-testid="attach"
      >
        <Paperclip />
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="attach-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          // Cleared so that choosing the same file again still fires a change.
          event.target.value = "";
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}
