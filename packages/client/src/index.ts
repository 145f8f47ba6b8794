export { NatterClient, newClientMsgId } from "./natterClient.js";
export type { ConnectionStatus, NatterClientEvents, NatterClientOptions, SendOptions, UploadOptions } from "./options.js";
export { NatterError, SecondFactorRequired } from "./errors.js";
export type { AdminApi } from "./adminApi.js";
export type { ModerationApi } from "./moderationApi.js";
export type { StaplesApi } from "./staplesApi.js";
export type { IntegrationsApi } from "./integrationsApi.js";
export { isRetryable } from "@natter/protocol";
export { RoomLog } from "./roomLog.js";
