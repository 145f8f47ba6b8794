import type { User } from "@natter/protocol";
import { mayOpenConsole } from "./access";
import { useConsoleNavigation } from "./navigation";
import { useConsoleText } from "./text";

/** The sidebar's way into the console, shown to admins and moderators only. */
export function AdminEntry({ me }: { me: User }) {
  const text = useConsoleText();
  const { open } = useConsoleNavigation();
  if (!mayOpenConsole(me)) return null;
  return (
    <button type="button" className="small" onClick={() => open()} title={text.openConsole} data-testid="open-console">
      {text.console}
    </button>
  );
}
