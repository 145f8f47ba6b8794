import { Lock } from "lucide-react";
import type { RoomSummary } from "@natter/protocol";
import { useI18n } from "../i18n/I18n";

interface RoomLinkProps {
  room: RoomSummary;
  title: string;
  current: boolean;
  online?: boolean;
  onOpen(): void;
}

/** A room in the sidebar, with its unread and mention counts. */
export function RoomLink({ room, title, current, online, onOpen }: RoomLinkProps) {
  const { t } = useI18n();
  const muted = room.notify === "mute";
  return (
    <button
      type="button"
      className={`room-link ${current ? "current" : ""} ${room.unread > 0 && !muted ? "has-unread" : ""}`}
      aria-current={current ? "page" : undefined}
      onClick={onOpen}
      data-testid={`room-${room.name}`}
    >
      {online !== undefined && <span className={`presence ${online ? "on" : "off"}`} aria-label={online ? t.online : t.offline} role="img" />}
      <span className="room-title">{room.kind === "dm" ? title : `# ${title}`}</span>
      {room.kind === "private" && <Lock className="room-lock" />}
      {room.mentions > 0 && (
        <span className="badge mention" data-testid={`mentions-${room.name}`} aria-label={`${room.mentions} ${t.mentionsLabel}`}>
          @{room.mentions}
        </span>
      )}
      {room.unread > 0 && (
        <span className={`badge ${muted ? "muted" : ""}`} data-testid={`unread-${room.name}`} aria-label={`${room.unread} ${t.unread}`}>
          {room.unread}
        </span>
      )}
    </button>
  );
}
