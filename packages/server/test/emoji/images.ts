import sharp from "sharp";

/** A plain square of colour, as an admin's emoji file would be. */
export function square(width: number, height: number, format: "png" | "webp"): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 4, background: { r: 240, g: 120, b: 30, alpha: 1 } } });
  return (format === "png" ? image.png() : image.webp()).toBuffer();
}

/** A two-frame animated GIF. */
export function animatedGif(): Promise<Buffer> {
  const frames = Buffer.concat([Buffer.alloc(64 * 64 * 4, 255), Buffer.alloc(64 * 64 * 4, 40)]);
  return sharp(frames, { raw: { width: 64, height: 128, channels: 4, pageHeight: 64 } })
    .gif({ loop: 0, delay: [200, 200] })
    .toBuffer();
}

/** Noise compresses badly: a PNG well past 256 KB. */
export function hugePng(): Promise<Buffer> {
  const noise = Buffer.alloc(400 * 400 * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2_654_435_761) >>> 24;
  return sharp(noise, { raw: { width: 400, height: 400, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}
