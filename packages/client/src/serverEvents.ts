import type { Emit } from "./options.js";
import type { RoomFeed } from "./roomFeed.js";
import type { SocketLink } from "./socketLink.js";

/** What the server pushes: messages and changes go through the room feed, everything else straight to the app. */
export function listenToServer(link: SocketLink, feed: RoomFeed, emit: Emit): void {
  link.on("message", (message) => feed.receive(message.room, [message]));
  link.on("messages", (batch) => {
    const room = batch[0]?.room;
    if (room !== undefined) feed.receive(room, batch);
  });
  link.on("message_updated", (message) => feed.updated(message.room, [message]));
  link.on("typing", (event) => emit("typing", event));
  link.on("user_joined", (event) => emit("user_joined", event));
  link.on("user_left", (event) => emit("user_left", event));
  link.on("memberships", (changes) => {
    for (const { joined, ...event } of changes) emit(joined ? "user_joined" : "user_left", event);
  });
  link.on("member_count", (event) => emit("member_count", event));
  link.on("presence", (event) => emit("presence", event));
  link.on("presences", (events) => {
    for (const event of events) emit("presence", event);
  });
  link.on("online_count", (event) => emit("online_count", event));
  link.on("read", (event) => emit("read", event));
  link.on("room_added", (room) => emit("room_added", room));
  link.on("room_updated", (event) => {
    feed.rename(event.previousName, event.name);
    emit("room_updated", event);
  });
  link.on("room_removed", (event) => {
    feed.forget(event.room);
    emit("room_removed", event);
  });
  link.on("room_deleted", (event) => {
    feed.forget(event.room);
    emit("room_deleted", event);
  });
  link.on("profile_updated", (user) => emit("profile_updated", user));
  link.on("availability", (event) => emit("availability", event));
  link.on("command_reply", (event) => emit("command_reply", event));
  link.on("data_export_ready", (event) => emit("data_export_ready", event));
  link.on("pin_changed", (event) => emit("pin_changed", event));
  link.on("custom_emoji", (event) => emit("custom_emoji", event));
}
