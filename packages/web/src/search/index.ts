import "./search.css";

export { SearchButton } from "./SearchButton";
export { SearchPanel } from "./SearchPanel";
export { loadBackTo, nextFrame, showMessage } from "./showMessage";
