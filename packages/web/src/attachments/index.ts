import "./attachments.css";

export { AttachButton } from "./AttachButton";
export { AttachmentList } from "./AttachmentList";
export { filesFromPaste, useFileDrop } from "./fileInput";
export { ImageViewer } from "./ImageViewer";
export { useAttachmentText } from "./text";
export { UploadTray } from "./UploadTray";
export { MAX_FILES_PER_MESSAGE, useUploads, type Upload, type UploadFn, type Uploads } from "./useUploads";
