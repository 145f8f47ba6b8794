import "./search.css";
// Its panels load on first open (chat/lazyPanels.tsx): re-exported here, they would load with the chat.

export { SearchButton } from "./SearchButton";
export { loadBackTo, nextFrame, showMessage, showSeq } from "./showMessage";
