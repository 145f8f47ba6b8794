export { createNatter, type Natter, type NatterOptions } from "./natter.js";
export { ChatAPI, type UserSelector } from "./chatApi.js";
export { Refusal } from "./domain/errors.js";
export { resolveSettings, settingsHelp, type Settings, type SettingsInput } from "./settings.js";
export type { Store } from "./storage/index.js";
