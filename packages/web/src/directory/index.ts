import "./directory.css";
// Its panels load on first open (chat/lazyPanels.tsx): re-exported here, they would load with the chat.
export { LeaveRoomButton } from "./LeaveRoomButton";
export { useDirectoryText } from "./text";
