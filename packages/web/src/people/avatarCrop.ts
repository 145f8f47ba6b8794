import type { AvatarCrop } from "@natter/protocol";

/** Where the chosen square sits: zoom 1 is the largest square; positions run 0–100 across what is left. */
export interface CropChoice {
  zoom: number;
  across: number;
  down: number;
}

/** The square to keep, in the picture's own (upright) pixels, as the server takes it. */
export function cropOf(width: number, height: number, choice: CropChoice): Required<AvatarCrop> {
  const size = Math.max(1, Math.round(Math.min(width, height) / choice.zoom));
  return {
    x: Math.round(((width - size) * choice.across) / 100),
    y: Math.round(((height - size) * choice.down) / 100),
    size,
  };
}
