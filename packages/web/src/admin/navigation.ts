import { useCallback, useSyncExternalStore } from "react";

/** The console lives at `/admin/<tab>`: a reload or a shared link opens the same tab. */
export const CONSOLE_PATH = "/admin";

// pushState fires no event of its own, so the console's moves announce themselves with this one.
const MOVED = "natter:navigate";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(MOVED, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(MOVED, onChange);
  };
}

export function navigate(path: string, replace = false): void {
  if (window.location.pathname === path) return;
  if (replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  window.dispatchEvent(new Event(MOVED));
}

/** The page's path, kept current across back/forward and the console's own moves. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export const isConsolePath = (path: string): boolean => path === CONSOLE_PATH || path.startsWith(`${CONSOLE_PATH}/`);

/** The tab named in the path (`/admin/audit` → `audit`), or "" for `/admin` itself. */
export function tabInPath(path: string): string {
  return isConsolePath(path) ? path.slice(CONSOLE_PATH.length + 1) : "";
}

export function useConsoleNavigation() {
  const open = useCallback((tab?: string) => navigate(tab ? `${CONSOLE_PATH}/${tab}` : CONSOLE_PATH), []);
  const leave = useCallback(() => navigate("/"), []);
  return { open, leave };
}
