import { Receiver } from "../integrations/receiver.js";

/** What the pages of the test site answer: a real HTTP server on loopback, as the web would. */
export function pageSite(): Receiver {
  const site = new Receiver();
  site.behaviour = (request) => {
    const path = request.path.split("?")[0] ?? "";
    if (path.startsWith("/og"))
      return html(`<!doctype html><html><head><title>Ignored title</title>
        <meta property="og:title" content="Natter &amp; friends">
        <meta property="og:description" content="  Chat   for teams.  ">
        <meta property="og:site_name" content="Natter Blog">
        <meta property="og:image" content="http://tracker.example/pixel.png">
        </head><body><meta property="og:title" content="not in the head"></body></html>`);
    if (path.startsWith("/titled"))
      return html(`<html><head><title> Only a title </title><meta name="description" content="From the meta tag"></head><body>x</body></html>`);
    if (path.startsWith("/gbk")) return { status: 200, body: GBK_PAGE, contentType: "text/html" };
    if (path.startsWith("/json")) return { status: 200, body: '{"title":"not a page"}', contentType: "application/json" };
    if (path.startsWith("/huge")) return html(`<html><head><title>Huge</title></head><body>${"x".repeat(1024 * 1024 + 10)}</body></html>`);
    if (path.startsWith("/slow")) return "hold";
    if (path.startsWith("/moved")) return { status: 302, headers: { location: "/og/landed" } };
    return { status: 404, body: "no such page", contentType: "text/plain" };
  };
  return site;
}

/** <title>你好</title> in GBK, told only by its <meta charset>, as older Chinese sites serve it. */
const GBK_PAGE = Buffer.concat([
  Buffer.from('<html><head><meta charset="gbk"><title>', "latin1"),
  Buffer.from([0xc4, 0xe3, 0xba, 0xc3]),
  Buffer.from("</title></head></html>", "latin1"),
]);

function html(body: string) {
  return { status: 200, body, contentType: "text/html; charset=utf-8" };
}
