export * from "./version.js";
export * from "./errors.js";
export * from "./vocabulary.js";
export * from "./text.js";
export * from "./mentions.js";
export * from "./entities.js";
export * from "./rest.js";
export * from "./events.js";
