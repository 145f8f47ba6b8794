import { useChat } from "../chat/ChatContext";
import { CatchUpEntry } from "../catchUp/CatchUpEntry";
import { CatchUpPanel } from "../catchUp/CatchUpPanel";
import { useErrorText } from "../i18n/errorText";
import { showMessage } from "../search/showMessage";
import { usePinsText } from "./text";
import { usePins } from "./usePins";

/** The room's pinned messages, newest pin first, live; one opens the message in the room, another unpins it. */
export function PinsPanel({ room, onClose }: { room: string; onClose(): void }) {
  const text = usePinsText();
  const errorText = useErrorText();
  const { store, jumpTo, openThread } = useChat();
  const { pins, error } = usePins(room);
  const pages = { items: pins ?? [], hasMore: false, status: pins === null && !error ? ("loading" as const) : ("done" as const), more: () => undefined };
  return (
    <CatchUpPanel
      title={text.openPins(pins?.length ?? null)}
      closeLabel={text.closePins}
      empty={text.noPins}
      pages={pages}
      onClose={onClose}
      testId="pins-panel"
    >
      {error !== null && (
        <li className="error" role="alert">
          {errorText(error)}
        </li>
      )}
      {pins?.map((pin) => (
        <li key={pin.message.id} className="pin">
          <CatchUpEntry
            message={pin.message}
            unread={false}
            note={pin.pinnedBy ? text.pinnedBy(pin.pinnedBy.username) : undefined}
            onOpen={() => void showMessage({ store, jumpTo, openThread }, pin.message)}
            testId="pin"
          />
          <button
            type="button"
            className="small"
            onClick={() => void store.server.staples.unpin(room, pin.message.id).catch((failure: unknown) => store.showFailure(failure))}
            data-testid="unpin"
          >
            {text.unpin}
          </button>
        </li>
      ))}
    </CatchUpPanel>
  );
}
