import { ChevronLeft, ChevronRight, X } from "lucide-react";
import type { Attachment } from "@natter/protocol";
import { useRef, type KeyboardEvent } from "react";
import { createPortal } from "react-dom";
import { useAttachmentText } from "./text";
import { useFocusTrap } from "./useFocusTrap";

interface ImageViewerProps {
  images: readonly Attachment[];
  index: number;
  onIndex(index: number): void;
  onClose(): void;
}

/** One message's images full size, in a modal: ←/→ move between them, Esc closes. */
export function ImageViewer({ images, index, onIndex, onClose }: ImageViewerProps) {
  const text = useAttachmentText();
  const dialog = useRef<HTMLDivElement>(null);
  const trapTab = useFocusTrap(dialog);
  const image = images[index];
  if (!image) return null;
  const many = images.length > 1;
  const step = (by: number) => onIndex((index + by + images.length) % images.length);

  function onKeyDown(event: KeyboardEvent) {
    trapTab(event);
    const moves: Record<string, () => void> = { Escape: onClose, ArrowLeft: () => step(-1), ArrowRight: () => step(1) };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    event.stopPropagation();
    move();
  }

  // On <body>, so no scrolling or clipping container of the message can cut the overlay.
  return createPortal(
    <div className="image-viewer-backdrop" onClick={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={dialog}
        className="image-viewer"
        role="dialog"
        aria-modal="true"
        aria-label={text.viewerLabel}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid="image-viewer"
      >
        <header>
          <span className="upload-name">{image.name}</span>
          {many && (
            <span className="meta" data-testid="viewer-position">
              {text.position(index + 1, images.length)}
            </span>
          )}
          <a href={image.url} download={image.name} className="small">
            {text.download(image.name)}
          </a>
          <button type="button" className="icon" aria-label={text.close} onClick={onClose} data-testid="viewer-close">
            <X />
          </button>
        </header>
        <div className="image-viewer-stage">
          {many && (
            <button type="button" className="icon" aria-label={text.previous} onClick={() => step(-1)}>
              <ChevronLeft />
            </button>
          )}
          <img src={image.url} alt={image.name} width={image.width ?? undefined} height={image.height ?? undefined} data-testid="viewer-image" />
          {many && (
            <button type="button" className="icon" aria-label={text.next} onClick={() => step(1)}>
              <ChevronRight />
            </button>
          )}
        </div>
      </div>
    </div>,
    document.body,
  );
}
