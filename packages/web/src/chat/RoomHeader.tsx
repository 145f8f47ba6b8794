import { Menu, Pin } from "lucide-react";
import { notifyLevels, type NotifyLevel, type RoomSummary } from "@natter/protocol";
import { useMemo } from "react";
import { useI18n } from "../i18n/I18n";
import { useDirectMembers, useKnownPeople } from "../people/usePeople";
import { SearchButton } from "../search";
import { useChat, useChatState } from "./ChatContext";
import { JumpToDate } from "./JumpToDate";
import { LeaveRoomButton } from "../directory";
import { usePinsText } from "../pins";
import { roomTitle } from "./chatState";

interface RoomHeaderProps {
  room: RoomSummary;
  menuOpen: boolean;
  onToggleMenu(): void;
  onShowMembers(): void;
  onSearch(): void;
  onPins(): void;
}

export function RoomHeader({ room, menuOpen, onToggleMenu, onShowMembers, onSearch, onPins }: RoomHeaderProps) {
  const { t } = useI18n();
  const pinsText = usePinsText();
  const { store } = useChat();
  const { me } = useChatState();
  const people = useKnownPeople();
  useDirectMembers(useMemo(() => [room], [room]));
  const levels: Record<NotifyLevel, string> = { all: t.notifyAll, mentions: t.notifyMentions, mute: t.notifyMute };
  return (
    <header className="room-header">
      <button
        type="button"
        className="icon menu-toggle"
        aria-expanded={menuOpen}
        aria-label={menuOpen ? t.closeMenu : t.openMenu}
        onClick={onToggleMenu}
        data-testid="menu-toggle"
      >
        <Menu />
      </button>
      <h1 data-testid="room-title">{room.kind === "dm" ? roomTitle(room, me, people) : `# ${room.name}`}</h1>
      {room.topic && <p className="topic">{room.topic}</p>}
      {room.archived && (
        <span className="meta" data-testid="archived">
          {t.archived}
        </span>
      )}
      <div className="room-tools">
        <SearchButton onOpen={onSearch} />
        <JumpToDate room={room.name} />
        <button type="button" className="small" onClick={onPins} data-testid="open-pins">
          <Pin aria-hidden="true" /> {pinsText.pins}
        </button>
        <select
          aria-label={t.notify}
          value={room.notify}
          data-testid="notify-level"
          onChange={(event) => {
            const level = notifyLevels.find((known) => known === event.target.value);
            if (level) void store.setNotify(room.name, level);
          }}
        >
          {notifyLevels.map((level) => (
            <option key={level} value={level}>
              {levels[level]}
            </option>
          ))}
        </select>
        {room.kind !== "dm" && (
          <button type="button" className="small" onClick={onShowMembers} data-testid="show-members">
            {t.members} ({room.memberCount})
          </button>
        )}
        {room.kind !== "dm" && room.name !== "general" && <LeaveRoomButton room={room} />}
      </div>
    </header>
  );
}
