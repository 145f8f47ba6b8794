import { hasFullShortcode, loadedShortcodes, loadShortcodes, replaceShortcodesAround, type ShortcodeLookup } from "../content/shortcodes";
import { placeCaret } from "./completion";

/**
 * Returns what to call after each change of the composer: a `:shortcode:` typed or pasted in full becomes its
 * emoji, as a pick from the suggestions would. The first one loads the emoji index; until then the text waits.
 */
export function useTypedShortcodes(setText: (text: string) => void): (element: HTMLTextAreaElement) => void {
  return (element) => {
    const typed = element.value;
    if (!hasFullShortcode(typed)) return;
    const apply = (lookup: ShortcodeLookup) => {
      // Typing went on while the index loaded: the next change gets its turn.
      if (element.value !== typed) return;
      const done = replaceShortcodesAround(typed, element.selectionStart, lookup);
      if (done.text === typed) return;
      setText(done.text);
      placeCaret(element, done);
    };
    const lookup = loadedShortcodes();
    if (lookup) apply(lookup);
    // Emoji are a convenience: if the index cannot load, the shortcode stays as typed and is drawn as typed.
    else loadShortcodes().then(apply, () => undefined);
  };
}
