import { useI18n } from "../i18n/I18n";

const en = {
  attach: "Attach files",
  uploading: (name: string) => `Uploading ${name}`,
  cancelUpload: (name: string) => `Cancel upload of ${name}`,
  removeFile: (name: string) => `Remove ${name}`,
  uploadFailed: "Upload failed",
  tooManyFiles: (max: number) => `At most ${max} files per message`,
  tooLarge: (size: string) => `Files are at most ${size}`,
  uploadsLabel: "Files to send",
  dropHere: "Drop files to attach them",
  download: (name: string) => `Download ${name}`,
  openImage: (name: string) => `Open ${name}`,
  viewerLabel: "Image viewer",
  previous: "Previous image",
  next: "Next image",
  close: "Close",
  position: (index: number, count: number) => `${index} of ${count}`,
  sizeUnits: ["B", "KB", "MB", "GB"],
};

export type AttachmentText = typeof en;

const zhCN: AttachmentText = {
  attach: "添加文件",
  uploading: (name) => `正在上传 ${name}`,
  cancelUpload: (name) => `取消上传 ${name}`,
  removeFile: (name) => `移除 ${name}`,
  uploadFailed: "上传失败",
  tooManyFiles: (max) => `每条消息最多 ${max} 个文件`,
  tooLarge: (size) => `文件最大为 ${size}`,
  uploadsLabel: "待发送的文件",
  dropHere: "松开即可添加文件",
  download: (name) => `下载 ${name}`,
  openImage: (name) => `查看 ${name}`,
  viewerLabel: "图片查看器",
  previous: "上一张",
  next: "下一张",
  close: "关闭",
  position: (index, count) => `第 ${index} 张，共 ${count} 张`,
  sizeUnits: ["B", "KB", "MB", "GB"],
};

const texts = { en, "zh-CN": zhCN } as const;

export function useAttachmentText(): AttachmentText {
  return texts[useI18n().locale];
}
