import "./attachments.css";

export { AttachButton } from "./AttachButton";
export { AttachmentList } from "./AttachmentList";
export { filesFromPaste, useFileDrop } from "./fileInput";
export { ImageViewer } from "./ImageViewer";
export { useAttachmentText } from "./text";
export { UploadTray } from "./UploadTray";
export { useUploads, type Upload, type UploadFn, type UploadLimits, type Uploads } from "./useUploads";
