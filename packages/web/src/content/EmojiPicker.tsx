import { X } from "lucide-react";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import {
  findEmoji,
  loadEmojiIndex,
  preferredSkinTone,
  recentEmoji,
  rememberEmoji,
  searchIndex,
  setPreferredSkinTone,
  SKIN_TONES,
  withSkinTone,
  type EmojiIndex,
  type EmojiLocale,
  type SkinTone,
} from "./emoji";
import { EmojiGlyph, useCustomEmoji } from "./customEmoji";
import { moveInGrid, type GridMove } from "./emojiGrid";
import { PICKER_TEXT } from "./pickerText";

// Must match `grid-template-columns` in content.css, or up and down would land in the wrong column.
const COLUMNS = 8;
const MAX_RESULTS = 160;
const TONE_SWATCHES = ["✋", "✋🏻", "✋🏼", "✋🏽", "✋🏾", "✋🏿"];
const ARROWS: Record<string, GridMove> = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" };

interface Cell {
  emoji: string;
  label: string;
}

interface Section {
  title: string;
  cells: Cell[];
}

export interface EmojiPickerProps {
  onPick(emoji: string): void;
  onClose(): void;
  locale: EmojiLocale;
}

/** A searchable emoji grid: recently used first, a skin tone choice, arrows/Enter/Esc from the search box. */
export function EmojiPicker({ onPick, onClose, locale }: EmojiPickerProps) {
  const text = PICKER_TEXT[locale];
  const index = useEmojiIndex(locale);
  const [query, setQuery] = useState("");
  const [tone, setTone] = useState<SkinTone>(() => preferredSkinTone());
  const [active, setActive] = useState(0);
  // Read once: the recent row stays put while the picker is open, instead of jumping under the pointer.
  const [recent] = useState(() => recentEmoji());
  const search = useRef<HTMLInputElement>(null);
  const id = useId();

  const custom = useCustomEmoji();
  const sections = useMemo(
    () => (typeof index === "string" ? [] : buildSections(index, query, tone, recent, text, [...custom.keys()])),
    [index, query, tone, recent, text, custom],
  );
  const cells = sections.flatMap((section) => section.cells);
  const optionId = (position: number) => `${id}-option-${position}`;

  useEffect(() => {
    search.current?.focus();
  }, []);
  useEffect(() => {
    setActive(0);
  }, [query]);
  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: "nearest" });
  });

  function pick(cell: Cell | undefined) {
    if (!cell) return;
    rememberEmoji(cell.emoji);
    onPick(cell.emoji);
  }

  function chooseTone(next: SkinTone) {
    setTone(next);
    setPreferredSkinTone(next);
  }

  function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    const move = ARROWS[event.key];
    if (move) {
      event.preventDefault();
      const sizes = sections.map((section) => section.cells.length);
      setActive((current) => moveInGrid(sizes, COLUMNS, current, move));
    } else if (event.key === "Enter") {
      event.preventDefault();
      pick(cells[active]);
    }
  }

  function onPickerKey(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== "Escape") return;
    event.preventDefault();
    event.stopPropagation();
    onClose();
  }

  let position = 0;
  return (
    <div className="emoji-picker" role="dialog" aria-label={text.title} onKeyDown={onPickerKey}>
      <div className="emoji-picker__bar">
        <input
          ref={search}
          className="emoji-picker__search"
          type="search"
          value={query}
          placeholder={text.search}
          aria-label={text.search}
          role="combobox"
          aria-expanded="true"
          aria-autocomplete="list"
          aria-controls={`${id}-grid`}
          aria-activedescendant={cells.length > 0 ? optionId(active) : undefined}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onSearchKey}
        />
        <button type="button" className="emoji-picker__close" aria-label={text.close} onClick={onClose}>
          <X />
        </button>
      </div>
      <div className="emoji-picker__tones" role="radiogroup" aria-label={text.skinTone}>
        {SKIN_TONES.map((choice) => (
          <button
            key={choice}
            type="button"
            role="radio"
            className="emoji-picker__tone"
            aria-checked={tone === choice}
            aria-label={text.tones[choice]}
            title={text.tones[choice]}
            onClick={() => chooseTone(choice)}
          >
            {TONE_SWATCHES[choice]}
          </button>
        ))}
      </div>
      {index === "loading" && (
        <p className="emoji-picker__status" role="status">
          {text.loading}
        </p>
      )}
      {index === "failed" && (
        <p className="emoji-picker__status" role="alert">
          {text.failed}
        </p>
      )}
      {typeof index !== "string" && cells.length === 0 && (
        <p className="emoji-picker__status" role="status">
          {text.noResults}
        </p>
      )}
      <div className="emoji-picker__grid" id={`${id}-grid`} role="listbox" aria-label={text.title}>
        {sections.map((section) => (
          <div key={section.title} role="group" aria-label={section.title}>
            <div className="emoji-picker__section-title" aria-hidden="true">
              {section.title}
            </div>
            <div className="emoji-picker__cells">
              {section.cells.map((cell) => {
                const at = position++;
                return (
                  <button
                    key={`${section.title}-${cell.emoji}`}
                    id={optionId(at)}
                    type="button"
                    role="option"
                    tabIndex={-1}
                    className="emoji-picker__cell"
                    aria-selected={at === active}
                    aria-label={cell.label}
                    title={cell.label}
                    onMouseEnter={() => setActive(at)}
                    onClick={() => pick(cell)}
                  >
                    <EmojiGlyph emoji={cell.emoji} />
                  </button>
                );
              })}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}

function useEmojiIndex(locale: EmojiLocale): EmojiIndex | "loading" | "failed" {
  const [state, setState] = useState<EmojiIndex | "loading" | "failed">("loading");
  useEffect(() => {
    let current = true;
    setState("loading");
    loadEmojiIndex(locale).then(
      (index) => current && setState(index),
      () => current && setState("failed"),
    );
    return () => {
      current = false;
    };
  }, [locale]);
  return state;
}

/** Recently used, the server's custom emoji, then all; a search shows the custom ones it matches first. */
function buildSections(
  index: EmojiIndex,
  query: string,
  tone: SkinTone,
  recentlyUsed: string[],
  text: (typeof PICKER_TEXT)[EmojiLocale],
  customNames: string[],
): Section[] {
  const toned = (entries: EmojiIndex["entries"]) => entries.map((entry) => ({ emoji: withSkinTone(entry, tone), label: entry.label }));
  const customCells = (names: string[]) => names.map((name) => ({ emoji: `:${name}:`, label: `:${name}:` }));
  const needle = query
    .trim()
    .toLowerCase()
    .replace(/^:+|:+$/g, "");
  if (needle) {
    const matching = customCells(customNames.filter((name) => name.includes(needle)));
    return [{ title: text.results, cells: [...matching, ...toned(searchIndex(index, query, MAX_RESULTS))] }];
  }
  const recent = recentlyUsed.map((emoji) => ({ emoji, label: findEmoji(index, emoji)?.label ?? emoji }));
  const sections = [{ title: text.all, cells: toned(index.entries) }];
  if (customNames.length > 0) sections.unshift({ title: text.custom, cells: customCells(customNames) });
  return recent.length > 0 ? [{ title: text.recent, cells: recent }, ...sections] : sections;
}
