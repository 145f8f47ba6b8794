import "./moderation.css";

export { BanButton } from "./BanButton";
export { BannedList } from "./BannedList";
export { DeleteRoomButton } from "./DeleteRoomButton";
export { ReportDialog } from "./ReportDialog";
