import "./pins.css";

export { MoreActions } from "./MoreActions";
export { PinNotice } from "./PinNotice";
export { PinsPanel } from "./PinsPanel";
export { SavedPanel } from "./SavedPanel";
export { usePinsText } from "./text";
