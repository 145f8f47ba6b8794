import type { Completion } from "./completion";

interface CompletionListProps {
  id: string;
  label: string;
  testId: string;
  completion: Completion;
}

/** The options above the composer; the textarea keeps focus and points at the active one. */
export function CompletionList({ id, label, testId, completion }: CompletionListProps) {
  return (
    <ul className="mentions" id={id} role="listbox" aria-label={label} data-testid={testId}>
      {completion.options.map((option, index) => (
        <li
          key={option.key}
          id={`${id}-${index}`}
          role="option"
          aria-selected={index === completion.active}
          onMouseDown={(event) => {
            event.preventDefault();
            completion.pick(index);
          }}
        >
          {option.text}
          {option.hint && <span className="meta"> {option.hint}</span>}
        </li>
      ))}
    </ul>
  );
}
