import type { Person, RoomSummary } from "@natter/protocol";
import { useEffect, useSyncExternalStore } from "react";
import { useChat } from "../chat/ChatContext";

/** The person behind an id, looked up once when not yet known; undefined until then. */
export function usePerson(id: number | undefined): Person | undefined {
  const { store } = useChat();
  const known = useSyncExternalStore(store.people.subscribe, store.people.snapshot);
  useEffect(() => {
    if (id !== undefined) store.people.want(id);
  }, [store, id]);
  return id === undefined ? undefined : known[id];
}

/** Every person known so far, by id (for lists that show many names at once). */
export function useKnownPeople(): Readonly<Record<number, Person>> {
  const { store } = useChat();
  return useSyncExternalStore(store.people.subscribe, store.people.snapshot);
}

/** Looks up the people in the direct messages listed, so their titles show display names. */
export function useDirectMembers(rooms: readonly RoomSummary[]): void {
  const { store } = useChat();
  useEffect(() => {
    for (const room of rooms) if (room.kind === "dm") for (const member of room.members) store.people.want(member.id);
  }, [store, rooms]);
}
