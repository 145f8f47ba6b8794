import "./search.css";

export { SearchButton } from "./SearchButton";
export { SearchPanel } from "./SearchPanel";
export { showMessage, showSeq } from "./showMessage";
