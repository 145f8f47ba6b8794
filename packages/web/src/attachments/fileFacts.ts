import { File, FileArchive, FileAudio, FileCode, FileImage, FileSpreadsheet, FileText, FileVideo, Presentation, type LucideIcon } from "lucide-react";
const STEP = 1024;

/** "1.4 MB": one decimal below ten units, none above, as file managers show sizes. */
export function humanSize(bytes: number, units: readonly string[]): string {
  let value = bytes;
  let unit = 0;
  while (value >= STEP && unit < units.length - 1) {
    value /= STEP;
    unit += 1;
  }
  const shown = unit === 0 || value >= 10 ? Math.round(value).toString() : value.toFixed(1);
  return `${shown} ${units[unit] ?? ""}`;
}

const ICONS: readonly [RegExp, LucideIcon][] = [
  [/^image\//, FileImage],
  [/^video\//, FileVideo],
  [/^audio\//, FileAudio],
  [/pdf/, FileText],
  [/^text\/|json|xml/, FileCode],
  [/zip|compressed|tar|gzip|7z|rar/, FileArchive],
  [/spreadsheet|excel|csv/, FileSpreadsheet],
  [/presentation|powerpoint/, Presentation],
  [/word|opendocument\.text|rtf/, FileText],
];

/** A type icon (SVG: no emoji font needed), picked from the MIME type the server checked. */
export function fileIcon(type: string): LucideIcon {
  return ICONS.find(([pattern]) => pattern.test(type))?.[1] ?? File;
}

const THUMB_BOX = { width: 240, height: 180 };

/** The size a thumbnail is drawn at, known before it loads, so the list does not jump. */
export function thumbnailSize(width: number | null, height: number | null): { width: number; height: number } {
  if (!width || !height) return THUMB_BOX;
  const scale = Math.min(1, THUMB_BOX.width / width, THUMB_BOX.height / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
