import { Search } from "lucide-react";
import { useSearchText } from "./text";

/** The magnifier in the room header that opens the search panel. */
export function SearchButton({ onOpen }: { onOpen(): void }) {
  const text = useSearchText();
  return (
    <button type="button" className="small" aria-label={text.open} title={text.open} onClick={onOpen} data-testid="open-search">
      <Search /> {text.title}
    </button>
  );
}
