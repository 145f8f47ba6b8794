export { NatterClient, newClientMsgId, type ConnectionStatus, type NatterClientEvents, type NatterClientOptions, type SendOptions, type UploadOptions } from "./natterClient.js";
export { NatterError } from "./errors.js";
export { isRetryable } from "@natter/protocol";
export { RoomLog } from "./roomLog.js";
