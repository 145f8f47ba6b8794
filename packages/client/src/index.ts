export { NatterClient, newClientMsgId, type ConnectionStatus, type NatterClientEvents, type NatterClientOptions, type SendOptions, type UploadOptions } from "./natterClient.js";
export { NatterError, isRetryable } from "./errors.js";
export { RoomLog } from "./roomLog.js";
