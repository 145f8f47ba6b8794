import sharp, { type Sharp } from "sharp";
import { Refusal } from "./errors.js";

/** Types shown inline in the page. Never SVG: it can carry script. */
export const RASTER_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);
const THUMBNAIL_SIZE = 480;
const MAX_PIXELS = 50_000_000;

export interface ProcessedImage {
  data: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
}

/**
 * Re-encodes stills without their metadata (EXIF location, camera), turned upright; GIFs keep their
 * frames. Each gets a thumbnail. A file that only claims to be an image is refused.
 */
export async function processImage(data: Buffer, type: string): Promise<ProcessedImage> {
  try {
    const input = () => sharp(data, { limitInputPixels: MAX_PIXELS, failOn: "error" });
    const stripped = type === "image/gif" ? { data, info: await input().metadata() } : await reencode(input().rotate(), type);
    const thumbnail = await input()
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer();
    const width = stripped.info.width ?? 0;
    const height = stripped.info.height ?? 0;
    return { data: stripped.data, thumbnail, width, height };
  } catch {
    throw new Refusal("UNSUPPORTED_FILE", "This image cannot be read");
  }
}

async function reencode(image: Sharp, type: string): Promise<{ data: Buffer; info: { width?: number; height?: number } }> {
  const format = type === "image/png" ? image.png() : type === "image/webp" ? image.webp({ quality: 90 }) : image.jpeg({ quality: 90, mozjpeg: true });
  return format.toBuffer({ resolveWithObject: true });
}
