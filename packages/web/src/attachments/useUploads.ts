import type { UploadOptions } from "@natter/client";
import type { Attachment } from "@natter/protocol";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { humanSize } from "./fileFacts";
import { useAttachmentText } from "./text";
import { useErrorText } from "../i18n/errorText";

/** The server's limits (GET /api/limits); null until it has said, and then it alone refuses. */
export interface UploadLimits {
  maxFiles: number;
  maxBytes: number;
}

export type UploadFn = (file: File, options: UploadOptions) => Promise<Attachment>;

export interface Upload {
  key: string;
  file: File;
  /** Fraction sent, 0 to 1. */
  progress: number;
  status: "uploading" | "done" | "failed";
  error: string | null;
  attachment: Attachment | null;
}

export interface Uploads {
  items: Upload[];
  /** Ids of the finished uploads, in the order they were added. */
  ids: string[];
  busy: boolean;
  /** Set when files were refused for going past the per-message limit. */
  limitReached: boolean;
  /** The per-message limit, to say it. */
  maxFiles: number;
  add(files: readonly File[]): void;
  /** Stops an upload in flight, or drops a finished or failed one. */
  remove(key: string): void;
  /** Forgets every file, after a send. */
  clear(): void;
}

let nextKey = 0;

/** A queue of files uploading at once, each with its progress, its error and a way to cancel it. */
export function useUploads(upload: UploadFn, limits: UploadLimits | null): Uploads {
  const text = useAttachmentText();
  const errorText = useErrorText();
  const max = limits?.maxFiles ?? Number.POSITIVE_INFINITY;
  const maxBytes = limits?.maxBytes ?? Number.POSITIVE_INFINITY;
  const [items, setItems] = useState<Upload[]>([]);
  const [limitReached, setLimitReached] = useState(false);
  const controllers = useRef(new Map<string, AbortController>());
  const count = useRef(0);

  const patch = useCallback((key: string, change: Partial<Upload>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const start = useCallback(
    (item: Upload) => {
      const controller = new AbortController();
      controllers.current.set(item.key, controller);
      const onProgress = (progress: number) => patch(item.key, { progress });
      upload(item.file, { onProgress, signal: controller.signal })
        .then(
          (attachment) => patch(item.key, { status: "done", progress: 1, attachment }),
          (error: unknown) => {
            // A cancelled upload has already left the queue; there is nothing to report.
            if (!controller.signal.aborted) patch(item.key, { status: "failed", error: errorText(error) });
          },
        )
        .finally(() => controllers.current.delete(item.key));
    },
    [upload, patch],
  );

  const add = useCallback(
    (files: readonly File[]) => {
      const room = Math.max(0, max - count.current);
      const accepted = files.slice(0, room);
      setLimitReached(files.length > room);
      // A file past the size limit fails here, with the server's reason, instead of after a refused request.
      const tooLarge = text.tooLarge(humanSize(maxBytes, text.sizeUnits));
      const added = accepted.map((file): Upload =>
        file.size > maxBytes
          ? { key: `upload-${++nextKey}`, file, progress: 0, status: "failed", error: tooLarge, attachment: null }
          : { key: `upload-${++nextKey}`, file, progress: 0, status: "uploading", error: null, attachment: null },
      );
      count.current += added.length;
      setItems((current) => [...current, ...added]);
      added.filter((item) => item.status === "uploading").forEach(start);
    },
    [max, maxBytes, text, start],
  );

  const remove = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    controllers.current.delete(key);
    setItems((current) => {
      const next = current.filter((item) => item.key !== key);
      count.current = next.length;
      return next;
    });
    setLimitReached(false);
  }, []);

  const clear = useCallback(() => {
    for (const controller of controllers.current.values()) controller.abort();
    controllers.current.clear();
    count.current = 0;
    setItems([]);
    setLimitReached(false);
  }, []);

  useEffect(() => () => controllers.current.forEach((controller) => controller.abort()), []);

  return useMemo(() => {
    const ids = items.flatMap((item) => (item.attachment ? [item.attachment.id] : []));
    const busy = items.some((item) => item.status === "uploading");
    return { items, ids, busy, limitReached, maxFiles: max, add, remove, clear };
  }, [items, limitReached, max, add, remove, clear]);
}
