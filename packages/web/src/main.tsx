import { NatterClient } from "@natter/client";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import "./autoFocus";
import { I18nProvider } from "./i18n/I18n";
import "./styles.css";

// The page's one client: same origin, so the httpOnly session cookie carries the session across reloads.
const client = new NatterClient({ url: window.location.origin });
const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <App client={client} />
      </I18nProvider>
    </StrictMode>,
  );
}

// The service worker shows pushes while no tab is open; the app works the same without it.
if ("serviceWorker" in navigator) void navigator.serviceWorker.register("/sw.js").catch(() => undefined);
