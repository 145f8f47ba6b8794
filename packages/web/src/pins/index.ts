import "./pins.css";
// Its panels load on first open (chat/lazyPanels.tsx): re-exported here, they would load with the chat.

export { MoreActions } from "./MoreActions";
export { PinNotice } from "./PinNotice";
export { usePinsText } from "./text";
