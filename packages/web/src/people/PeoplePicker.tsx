import type { Person } from "@natter/protocol";
import { useEffect, useId, useState, type KeyboardEvent } from "react";
import { useChat } from "../chat/ChatContext";
import { Avatar } from "./Avatar";
import { usePeopleText } from "./text";

const SUGGESTIONS = 8;
/** Searches wait for a pause in typing this long, so each key is not a request. */
const TYPING_PAUSE_MS = 150;

interface PeoplePickerProps {
  chosen: Person[];
  onChange(chosen: Person[]): void;
  /** Never offered: the person using it, or the members already in a room. */
  exclude: readonly number[];
  label: string;
  testId: string;
}

/**
 * Chooses people by name, as a combobox: typing searches the directory, ↑/↓ move, Enter or Tab picks, Esc
 * closes, Backspace in an empty field removes the last chip. Enter with nothing to pick submits the form.
 */
export function PeoplePicker({ chosen, onChange, exclude, label, testId }: PeoplePickerProps) {
  const text = usePeopleText();
  const { store } = useChat();
  const listId = useId();
  const [query, setQuery] = useState("");
  const [options, setOptions] = useState<Person[]>([]);
  const [active, setActive] = useState(0);
  const left = [...exclude, ...chosen.map((person) => person.id)].join(",");

  useEffect(() => {
    const wanted = query.trim();
    if (!wanted) {
      setOptions([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      const skip = new Set(left.split(",").map(Number));
      store.people.search({ query: wanted, limit: SUGGESTIONS + skip.size }).then(
        (page) => {
          if (!live) return;
          setOptions(page.people.filter((person) => !skip.has(person.id)).slice(0, SUGGESTIONS));
          setActive(0);
        },
        () => live && setOptions([]),
      );
    }, TYPING_PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [store, query, left]);

  const pick = (person: Person) => {
    onChange([...chosen, person]);
    setQuery("");
    setOptions([]);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const picked = options[active];
    if ((event.key === "ArrowDown" || event.key === "ArrowUp") && options.length > 0) {
      setActive((active + (event.key === "ArrowDown" ? 1 : -1) + options.length) % options.length);
    } else if ((event.key === "Enter" || event.key === "Tab") && picked) {
      pick(picked);
    } else if (event.key === "Escape" && options.length > 0) {
      setOptions([]);
    } else if (event.key === "Backspace" && query === "" && chosen.length > 0) {
      onChange(chosen.slice(0, -1));
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div className="people-picker" data-testid={testId}>
      {chosen.length > 0 && (
        <ul className="chips" aria-label={text.chosenPeople}>
          {chosen.map((person) => (
            <li key={person.id} className="chip" data-testid="picked-person" title={`@${person.username}`}>
              <Avatar user={person} /> {person.displayName}
              <button
                type="button"
                className="icon"
                aria-label={text.remove(person.displayName)}
                onClick={() => onChange(chosen.filter((other) => other.id !== person.id))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        role="combobox"
        aria-label={label}
        placeholder={label}
        aria-autocomplete="list"
        aria-expanded={options.length > 0}
        aria-controls={listId}
        aria-activedescendant={options.length > 0 ? `${listId}-${active}` : undefined}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setOptions([])}
        data-testid={`${testId}-input`}
      />
      <ul className="picker-options" id={listId} role="listbox" aria-label={text.suggestions} hidden={options.length === 0}>
        {options.map((person, index) => (
          <li
            key={person.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            data-testid="picker-option"
            onMouseDown={(event) => {
              event.preventDefault();
              pick(person);
            }}
          >
            <Avatar user={person} /> {person.displayName} <span className="meta">@{person.username}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
