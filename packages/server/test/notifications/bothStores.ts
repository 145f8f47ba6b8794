/** The suites of notifications declare themselves on both stores with settings of their own (SMTP, push). */
export { onEveryStore as onBothStores, type StartServer as Start } from "../support/stores.js";
