import "./directory.css";
export { DirectoryPanel } from "./DirectoryPanel";
export { LeaveRoomButton } from "./LeaveRoomButton";
export { useDirectoryText } from "./text";
