import type { Attachment } from "@natter/protocol";
import { createElement, useState } from "react";
import { fileIcon, humanSize, thumbnailSize } from "./fileFacts";
import { ImageViewer } from "./ImageViewer";
import { useAttachmentText } from "./text";

/** A message's files: images as thumbnails that open the viewer, the rest as download cards. */
export function AttachmentList({ attachments }: { attachments: readonly Attachment[] }) {
  const text = useAttachmentText();
  const [open, setOpen] = useState<number | null>(null);
  if (attachments.length === 0) return null;
  // Only raster images get a thumbnail from the server; anything else is never shown inline.
  const images = attachments.filter((file) => file.thumbnailUrl !== null);
  const others = attachments.filter((file) => file.thumbnailUrl === null);
  return (
    <div className="attachments" data-testid="attachments">
      {images.length > 0 && (
        <ul className="attachment-images">
          {images.map((image, index) => {
            const size = thumbnailSize(image.width, image.height);
            return (
              <li key={image.id}>
                <button type="button" className="thumbnail" aria-label={text.openImage(image.name)} onClick={() => setOpen(index)} data-testid="thumbnail">
                  <img src={image.thumbnailUrl ?? image.url} alt={image.name} width={size.width} height={size.height} loading="lazy" />
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {others.length > 0 && (
        <ul className="attachment-files">
          {others.map((file) => (
            <li key={file.id} className="file-card" data-testid="file-card">
              <span className="file-icon" aria-hidden="true">
                {createElement(fileIcon(file.type))}
              </span>
              <a href={file.url} download={file.name} aria-label={text.download(file.name)}>
                {file.name}
              </a>
              <span className="meta">{humanSize(file.size, text.sizeUnits)}</span>
            </li>
          ))}
        </ul>
      )}
      {open !== null && <ImageViewer images={images} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />}
    </div>
  );
}
