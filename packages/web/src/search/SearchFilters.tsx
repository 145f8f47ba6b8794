import { useChatState } from "../chat/ChatContext";
import { roomTitle } from "../chat/chatState";
import { useKnownPeople } from "../people/usePeople";
import type { SearchForm } from "./searchQuery";
import { useSearchText } from "./text";

/** Room, author, dates and "has a file": the narrowing a search may add. */
export function SearchFilters({ form, onChange }: { form: SearchForm; onChange(form: SearchForm): void }) {
  const text = useSearchText();
  const { rooms, me } = useChatState();
  const people = useKnownPeople();
  const joined = rooms.filter((room) => room.joined);
  const set = <K extends keyof SearchForm>(key: K, value: SearchForm[K]) => onChange({ ...form, [key]: value });
  return (
    <fieldset className="search-filters">
      <legend>{text.filters}</legend>
      <label>
        {text.room}
        <select value={form.room} onChange={(event) => set("room", event.target.value)} data-testid="search-room">
          <option value="">{text.anyRoom}</option>
          {joined.map((room) => (
            <option key={room.name} value={room.name}>
              {room.kind === "dm" ? roomTitle(room, me, people) : `# ${room.name}`}
            </option>
          ))}
        </select>
      </label>
      <label>
        {text.author}
        <input value={form.author} placeholder={text.authorPlaceholder} onChange={(event) => set("author", event.target.value)} data-testid="search-author" />
      </label>
      <label>
        {text.fromDate}
        <input type="date" value={form.from} onChange={(event) => set("from", event.target.value)} data-testid="search-from" />
      </label>
      <label>
        {text.toDate}
        <input type="date" value={form.to} onChange={(event) => set("to", event.target.value)} data-testid="search-to" />
      </label>
      <label className="search-has-file">
        <input type="checkbox" checked={form.hasFile} onChange={(event) => set("hasFile", event.target.checked)} data-testid="search-has-file" />
        {text.hasFile}
      </label>
    </fieldset>
  );
}
