import type { Kysely } from "kysely";
import { isUniqueViolation } from "../failures.js";
import type { Database, ReportRow } from "../schema.js";
import type { Store } from "../store.js";

/** A ban as the room's moderators list it. */
export interface BanListing {
  user_id: number;
  username: string;
  banned_by_name: string | null;
  created_at: number;
}

/** A report with what the console shows beside it: the message as it reads now, its room and the people. */
export type ReportListing = ReportRow & {
  room_name: string;
  room_kind: "public" | "private" | "dm";
  message_text: string;
  message_deleted_at: number | null;
  author_id: number;
  author_name: string;
  reporter_name: string;
  resolver_name: string | null;
};

export interface NewReport {
  messageId: number;
  roomId: number;
  reporterId: number;
  reason: string;
  createdAt: number;
}

export interface ReportFilter {
  /** Newest first; continue below this id. */
  beforeId?: number | undefined;
  /** Only rooms this user can see (public ones and theirs); undefined for every room (admins). */
  visibleTo?: number | undefined;
  limit: number;
}

/** Bans and reports: the one writer of `room_bans` and `reports`. */
export function moderationQueries(db: Kysely<Database>) {
  const reportListing = () =>
    db
      .selectFrom("reports")
      .innerJoin("messages", "messages.id", "reports.message_id")
      .innerJoin("rooms", "rooms.id", "reports.room_id")
      .innerJoin("users as author", "author.id", "messages.author_id")
      .innerJoin("users as reporter", "reporter.id", "reports.reporter_id")
      .leftJoin("users as resolver", "resolver.id", "reports.resolved_by")
      .selectAll("reports")
      .select([
        "rooms.name as room_name",
        "rooms.kind as room_kind",
        "messages.text as message_text",
        "messages.deleted_at as message_deleted_at",
        "messages.author_id as author_id",
        "author.username as author_name",
        "reporter.username as reporter_name",
        "resolver.username as resolver_name",
      ]);

  return {
    /** True when the user was not banned before. */
    async banUser(roomId: number, userId: number, bannedBy: number, at: number) {
      const result = await db
        .insertInto("room_bans")
        .values({ room_id: roomId, user_id: userId, banned_by: bannedBy, created_at: at })
        .onConflict((oc) => oc.columns(["room_id", "user_id"]).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    /** True when the user was banned. */
    async unbanUser(roomId: number, userId: number) {
      const result = await db.deleteFrom("room_bans").where("room_id", "=", roomId).where("user_id", "=", userId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async isBanned(roomId: number, userId: number) {
      const row = await db.selectFrom("room_bans").select("user_id").where("room_id", "=", roomId).where("user_id", "=", userId).executeTakeFirst();
      return row !== undefined;
    },

    bans(roomId: number): Promise<BanListing[]> {
      return db
        .selectFrom("room_bans")
        .innerJoin("users", "users.id", "room_bans.user_id")
        .leftJoin("users as banner", "banner.id", "room_bans.banned_by")
        .select(["room_bans.user_id", "users.username", "banner.username as banned_by_name", "room_bans.created_at"])
        .where("room_bans.room_id", "=", roomId)
        .orderBy("room_bans.created_at")
        .orderBy("room_bans.user_id")
        .execute();
    },

    /** Undefined when the reporter already has an open report of the message. */
    async createReport(report: NewReport): Promise<ReportRow | undefined> {
      try {
        return await db
          .insertInto("reports")
          .values({
            message_id: report.messageId,
            room_id: report.roomId,
            reporter_id: report.reporterId,
            reason: report.reason,
            created_at: report.createdAt,
            resolved_by: null,
            resolved_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
      } catch (error) {
        if (isUniqueViolation(error)) return undefined;
        throw error;
      }
    },

    reportById: (id: number): Promise<ReportListing | undefined> => reportListing().where("reports.id", "=", id).executeTakeFirst(),

    async openReports(filter: ReportFilter): Promise<ReportListing[]> {
      let query = reportListing().where("reports.status", "=", "open").orderBy("reports.id", "desc").limit(filter.limit);
      if (filter.beforeId !== undefined) query = query.where("reports.id", "<", filter.beforeId);
      const viewer = filter.visibleTo;
      if (viewer !== undefined) {
        query = query.where((eb) =>
          eb.or([
            eb("rooms.kind", "=", "public"),
            eb.exists(
              eb
                .selectFrom("memberships")
                .select("memberships.user_id")
                .whereRef("memberships.room_id", "=", "reports.room_id")
                .where("memberships.user_id", "=", viewer),
            ),
          ]),
        );
      }
      return query.execute();
    },

    /**
     * Resolves open reports: the one given, or (with `wholeMessage`) every open report of its message, as
     * deleting the message or banning its author answers them all. Answers how many were open.
     */
    async resolveReports(reportId: number, change: { status: "dismissed" | "deleted" | "banned"; by: number; at: number; wholeMessage: boolean }) {
      let query = db.updateTable("reports").set({ status: change.status, resolved_by: change.by, resolved_at: change.at }).where("status", "=", "open");
      query = change.wholeMessage
        ? query.where("message_id", "=", (eb) => eb.selectFrom("reports as one").select("one.message_id").where("one.id", "=", reportId))
        : query.where("id", "=", reportId);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  } satisfies Partial<Store>;
}
