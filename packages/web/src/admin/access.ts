import type { User } from "@natter/protocol";

/** Who sees the console's entry: admins and moderators (the server checks again on every call). */
export const mayOpenConsole = (user: User): boolean => user.kind === "member" && (user.role === "admin" || user.role === "moderator");
