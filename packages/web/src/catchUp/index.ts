import "./catchUp.css";

export { CatchUpButtons } from "./CatchUpButtons";
export { MentionsPanel } from "./MentionsPanel";
export { ThreadsPanel } from "./ThreadsPanel";
