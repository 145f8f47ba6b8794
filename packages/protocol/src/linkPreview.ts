import { z } from "zod";
import { webLinkSchema } from "./card.js";

/**
 * The card the server makes for the first link of a message, from the page's OpenGraph tags or its `<title>`.
 * It carries no image: a browser drawing a third party's image would tell that site who reads the room, so
 * Natter shows text only (docs/link-previews.md).
 */
export const PREVIEW_TITLE_MAX = 300;
export const PREVIEW_DESCRIPTION_MAX = 1_000;
export const PREVIEW_SITE_MAX = 100;

export const linkPreviewSchema = z.object({
  url: webLinkSchema.describe("The link as written in the message"),
  title: z.string().max(PREVIEW_TITLE_MAX),
  description: z.string().max(PREVIEW_DESCRIPTION_MAX).describe("Empty when the page gives none"),
  siteName: z.string().max(PREVIEW_SITE_MAX).describe("og:site_name, else the link's host"),
});
export type LinkPreview = z.infer<typeof linkPreviewSchema>;
