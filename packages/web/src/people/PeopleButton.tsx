import { usePeopleText } from "./text";

/** The sidebar's way into the people directory. */
export function PeopleButton({ onOpen }: { onOpen(): void }) {
  const text = usePeopleText();
  return (
    <button type="button" className="room-link people-button" onClick={onOpen} title={text.openPeople} data-testid="open-people">
      <span className="room-title">{text.people}</span>
    </button>
  );
}
