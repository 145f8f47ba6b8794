import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchPage, PageRefused, previewFetcher } from "../../src/notify/pageFetch.js";
import { pagePreview } from "../../src/notify/pageMeta.js";
import { firstLink } from "../../src/domain/linkPreviews.js";
import { pageSite } from "./pages.js";

describe("fetching a page for its preview", { timeout: 20_000 }, () => {
  const site = pageSite();
  let url = "";

  beforeAll(async () => {
    url = await site.start();
  });
  afterAll(() => site.stop());

  it("reads OpenGraph tags before <body>, decoded and trimmed, and never an image", async () => {
    const preview = await previewFetcher(true)(`${url}/og`);
    expect(preview).toEqual({ url: `${url}/og`, title: "Natter & friends", description: "Chat for teams.", siteName: "Natter Blog" });
  });

  it("falls back to <title>, the meta description and the link's host", async () => {
    expect(await previewFetcher(true)(`${url}/titled`)).toEqual({
      url: `${url}/titled`,
      title: "Only a title",
      description: "From the meta tag",
      siteName: new URL(url).host,
    });
    expect(pagePreview("https://example.com/", "<html><head></head><body><title>late</title></body></html>")).toBeNull();
    expect((await previewFetcher(true)(`${url}/gbk`))?.title).toBe("你好");
  });

  it("refuses what is not HTML, a page past 1 MB and a page that takes longer than 3 s", async () => {
    await expect(fetchPage(`${url}/json`, { allowPrivate: () => true })).rejects.toThrow(/not an HTML page/);
    await expect(fetchPage(`${url}/huge`, { allowPrivate: () => true })).rejects.toThrow(/larger than 1 MB/);
    const started = performance.now();
    await expect(fetchPage(`${url}/slow`, { allowPrivate: () => true })).rejects.toThrow(/timed out/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(2_900);
  });

  it("follows a redirect, checking its target as it checked the first address", async () => {
    expect((await fetchPage(`${url}/moved`, { allowPrivate: () => true })).url).toBe(`${url}/og/landed`);
    site.received.length = 0;
    // The first hop stands for a public site; the redirect points inside, and is refused without the setting.
    const onlyTheFirstHop = (target: URL) => target.pathname === "/moved";
    await expect(fetchPage(`${url}/moved`, { allowPrivate: onlyTheFirstHop })).rejects.toBeInstanceOf(PageRefused);
    expect(site.received.map((request) => request.path)).toEqual(["/moved"]);
  });

  it("refuses a private address, and a name resolving to one, before sending anything", async () => {
    site.received.length = 0;
    for (const target of [`${url}/og`, "http://10.0.0.8/", "http://[::1]:9/", "http://169.254.169.254/latest/meta-data", "ftp://example.com/"])
      await expect(fetchPage(target, { allowPrivate: () => false }), target).rejects.toBeInstanceOf(PageRefused);
    await expect(fetchPage(`http://localhost:${new URL(url).port}/og`, { allowPrivate: () => false })).rejects.toBeInstanceOf(PageRefused);
    expect(site.received).toHaveLength(0);
  });

  it("previews the first http(s) link written out, as the web app links it", () => {
    expect(firstLink("see example.com and then https://natter.example/a?b=1, or http://second.example")).toBe("https://natter.example/a?b=1");
    expect(firstLink("mailto:a@b.example ftp://files.example nothing here")).toBeUndefined();
    expect(firstLink(`https://example.com/${"a".repeat(2_000)}`)).toBeUndefined();
  });
});
