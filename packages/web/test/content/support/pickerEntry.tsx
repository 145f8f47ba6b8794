import { createRoot, type Root } from "react-dom/client";
import { EmojiPicker } from "../../../src/content/EmojiPicker";
import type { EmojiLocale } from "../../../src/content/emoji";

export interface PickerHarness {
  /** Mounts a fresh picker; picks and closes are recorded in `picked` and `closes`. */
  open(locale: EmojiLocale): void;
  picked: string[];
  closes: number;
}

let root: Root | undefined;
const container = document.createElement("div");
document.body.append(container);

const harness: PickerHarness = {
  picked: [],
  closes: 0,
  open(locale) {
    root?.unmount();
    harness.picked = [];
    harness.closes = 0;
    root = createRoot(container);
    root.render(<EmojiPicker locale={locale} onPick={(emoji) => harness.picked.push(emoji)} onClose={() => (harness.closes += 1)} />);
  },
};

Object.assign(window, { natterPicker: harness });
