import { routes } from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Domain } from "../../../domain/context.js";
import { setEmail, unsubscribe, verifyEmail } from "../../../domain/notifications/email.js";
import { Refusal } from "../../../domain/errors.js";
import { hashToken } from "../../../domain/tokens.js";
import { emailPage, emailTexts, escapeHtml } from "../../../notify/emailTexts.js";
import { fromTable } from "../fromTable.js";
import { currentUser } from "../session.js";

const tags = ["notifications"];

/** The address emails go to, and the pages its mailed links open (a page, not JSON: people open them). */
export function emailRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    // Mail clients unsubscribe in one click by posting `List-Unsubscribe=One-Click` as a form (RFC 8058).
    app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) => done(null, body));

    app.route({
      ...fromTable(routes.setEmail, tags, [400, 401, 429]),
      handler: async (request) => {
        const user = currentUser(request);
        return setEmail(domain, user, request.body.email, request.body.language, request.sessionToken ? hashToken(request.sessionToken) : undefined);
      },
    });

    app.route({
      ...fromTable(routes.verifyEmail, tags),
      handler: async (request, reply) => {
        const answer = await page(
          () => verifyEmail(domain, request.query.token),
          (texts) => texts.page.verified,
          wantsPage(request.headers.accept),
        );
        return reply.status(answer.status).type("text/html; charset=utf-8").send(answer.html);
      },
    });

    app.route({
      ...fromTable(routes.unsubscribePage, tags),
      handler: async (request, reply) => {
        const texts = emailTexts(request.headers["accept-language"]?.startsWith("zh") ? "zh-CN" : "en");
        const action = `/api/email/unsubscribe?token=${encodeURIComponent(request.query.token)}`;
        const form = `<form method="post" action="${escapeHtml(action)}"><p>${escapeHtml(texts.page.confirm)}</p><button type="submit">${escapeHtml(texts.page.button)}</button></form>`;
        return reply.type("text/html; charset=utf-8").send(emailPage("en", form));
      },
    });

    app.route({
      ...fromTable(routes.unsubscribeEmail, tags),
      handler: async (request, reply) => {
        const answer = await page(
          () => unsubscribe(domain, request.query.token),
          (texts) => texts.page.unsubscribed,
          wantsPage(request.headers.accept),
        );
        return reply.status(answer.status).type("text/html; charset=utf-8").send(answer.html);
      },
    });
  };
}

type Texts = ReturnType<typeof emailTexts>;

/** A person opening a link asks for a page; a program (a mail client's one-click) gets the usual JSON refusal. */
function wantsPage(accept: string | undefined): boolean {
  return accept?.includes("text/html") ?? false;
}

/** The page for a token's action: done in the user's language, or why not. */
async function page(action: () => Promise<string>, done: (texts: Texts) => string, refusalAsPage: boolean): Promise<{ status: number; html: string }> {
  try {
    const language = await action();
    return { status: 200, html: emailPage(language, `<p>${escapeHtml(done(emailTexts(language)))}</p>`) };
  } catch (error) {
    if (!(error instanceof Refusal) || !refusalAsPage) throw error;
    return { status: 400, html: emailPage("en", `<p>${escapeHtml(emailTexts("en").page.invalid)}</p><p>${escapeHtml(emailTexts("zh-CN").page.invalid)}</p>`) };
  }
}
