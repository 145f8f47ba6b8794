import { useEffect, useLayoutEffect, useState, type RefObject } from "react";
import { createPortal } from "react-dom";
import { useLocale } from "../i18n/I18n";
import { CONTENT_TEXT } from "./contentText";

const COPIED_SHOWN_MS = 2_000;

/**
 * A copy button in each code block of the rendered markdown under `container`. The blocks come from sanitised HTML,
 * which may hold no buttons; React puts them there through portals, found again whenever the HTML changes.
 */
export function CopyCodeButtons({ container, html }: { container: RefObject<HTMLElement | null>; html: string }) {
  const [blocks, setBlocks] = useState<HTMLElement[]>([]);
  useLayoutEffect(() => {
    const found = [...(container.current?.querySelectorAll<HTMLElement>(".code-block") ?? [])];
    // Most messages hold no code: keeping the same array spares each of them a second render.
    setBlocks((current) => (current.length === found.length && current.every((block, index) => block === found[index]) ? current : found));
  }, [container, html]);
  return blocks.map((block, index) => createPortal(<CopyButton block={block} />, block, String(index)));
}

function CopyButton({ block }: { block: HTMLElement }) {
  const text = CONTENT_TEXT[useLocale()];
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), COPIED_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = () => {
    const code = block.querySelector("pre")?.textContent ?? "";
    // Without clipboard permission nothing is copied and the button says so by not changing.
    navigator.clipboard.writeText(code).then(
      () => setCopied(true),
      () => undefined,
    );
  };
  return (
    <button type="button" className="copy-code" onClick={copy} aria-live="polite">
      {copied ? text.codeCopied : text.copyCode}
    </button>
  );
}
