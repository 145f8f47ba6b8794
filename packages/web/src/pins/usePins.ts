import type { Pin, PinEvent } from "@natter/protocol";
import { useEffect, useState } from "react";
import { useChat } from "../chat/ChatContext";

export interface RoomPins {
  pins: Pin[] | null;
  error: unknown;
}

/** The room's pins, read again whenever any member pins or unpins there (on any node: the server tells the room). */
export function usePins(room: string): RoomPins {
  const { store } = useChat();
  const [state, setState] = useState<RoomPins>({ pins: null, error: null });
  useEffect(() => {
    let live = true;
    const load = () =>
      store.server.staples.pins(room).then(
        (pins) => live && setState({ pins, error: null }),
        (error: unknown) => live && setState({ pins: null, error }),
      );
    void load();
    const stop = store.server.onPinChanged((event) => event.room === room && void load());
    return () => {
      live = false;
      stop();
    };
  }, [store, room]);
  return state;
}

/** The latest pin or unpin in the room while it is open here: the room's "X pinned a message" line. */
export function useLatestPinEvent(room: string): [PinEvent | null, () => void] {
  const { store } = useChat();
  const [event, setEvent] = useState<PinEvent | null>(null);
  useEffect(() => {
    setEvent(null);
    return store.server.onPinChanged((changed) => changed.room === room && setEvent(changed));
  }, [store, room]);
  return [event, () => setEvent(null)];
}
