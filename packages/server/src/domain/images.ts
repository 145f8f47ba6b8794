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

/**
 * A square picture of `side` pixels, WebP, from the part of an upload the person chose (in the pixels of the
 * upright picture, clamped to it) or its centre. A GIF gives its first frame; metadata is dropped.
 */
export async function squareAvatar(
  data: Buffer,
  crop: { x?: number | undefined; y?: number | undefined; size?: number | undefined },
  side: number,
): Promise<Buffer> {
  try {
    const input = () => sharp(data, { limitInputPixels: MAX_PIXELS, failOn: "error", autoOrient: true });
    const { width, height } = (await input().metadata()).autoOrient;
    const image = input();
    if (crop.size !== undefined) {
      const size = Math.min(crop.size, width, height);
      image.extract({ left: Math.min(crop.x ?? 0, width - size), top: Math.min(crop.y ?? 0, height - size), width: size, height: size });
    }
    return await image.resize(side, side, { fit: "cover" }).webp({ quality: 85 }).toBuffer();
  } catch {
    throw new Refusal("UNSUPPORTED_FILE", "This image cannot be read");
  }
}
