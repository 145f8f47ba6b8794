export { mayOpenConsole } from "./access";
export { AdminEntry } from "./AdminEntry";
export { isConsolePath, navigate, usePath } from "./navigation";
