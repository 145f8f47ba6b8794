import type { ClusterCase } from "./scenarios/cluster.js";
import type { CrowdCase } from "./scenarios/crowd.js";
import type { FanoutCase } from "./scenarios/fanout.js";
import type { UsersCase } from "./scenarios/users.js";

export type Mode = "full" | "quick" | "smoke";

export interface Sizes {
  fanout: FanoutCase[];
  idle: { baseline: number; natter: number; gcSettleMs: number };
  storageMs: number;
  storageCases: "all" | "100 rooms";
  history: { messages: number; samples: number };
  search: { messages: number; samples: number };
  webLoads: number;
  /** Issue 19: messages loaded into one room's list, and the reader's own sends timed there. */
  webLongRoom: { messages: number; sends: number };
  /** Messages in the Slack export the import case builds and imports. */
  importMessages: number;
  /** Old messages retention deletes while sends go on (issue 18). */
  retentionMessages: number;
  /** Node processes sharing PostgreSQL and Redis (issue 20); none in quick, to keep it under three minutes. */
  cluster: ClusterCase | null;
  /** New guests arriving in one room at once (issue 20, point 3). */
  crowd: CrowdCase;
  /** People chatting, stepped up until one server core no longer holds them (issue 20, point 5). */
  users: UsersCase;
}

const fanout = (name: string, rooms: number, members: number, rate: number, sendersPerRoom: number, durationMs: number): FanoutCase => ({
  name,
  rooms,
  members,
  rate,
  sendersPerRoom,
  durationMs,
});

/** The old pacing, every sender on one tick (see Arrivals): kept to show what it flattered. */
const lockstep = (name: string, rooms: number, members: number, rate: number, sendersPerRoom: number, durationMs: number): FanoutCase => ({
  ...fanout(`${name}, lockstep`, rooms, members, rate, sendersPerRoom, durationMs),
  arrivals: "lockstep",
});

/**
 * The sizes of each mode: full is what issues 7 and 20 ask; quick and smoke keep the shapes at smaller sizes.
 * Paced senders are Poisson unless a case is named lockstep.
 */
export const sizes: Record<Mode, Sizes> = {
  full: {
    fanout: [
      fanout("500 members, 100 msg/s", 1, 500, 100, 10, 10_000),
      fanout("300 members, 100 msg/s", 1, 300, 100, 10, 10_000),
      lockstep("500 members, 100 msg/s", 1, 500, 100, 10, 10_000),
      fanout("200 members, 2,000 msg/s", 1, 200, 2000, 20, 10_000),
      fanout("1,000 members, saturation", 1, 1000, 0, 10, 10_000),
      fanout("100 rooms × 10 members, 2,000 msg/s", 100, 10, 2000, 1, 10_000),
      fanout("5,000 members, 10 msg/s", 1, 5000, 10, 2, 10_000),
    ],
    idle: { baseline: 10_000, natter: 10_000, gcSettleMs: 1500 },
    storageMs: 5000,
    storageCases: "all",
    history: { messages: 10_000_000, samples: 2000 },
    search: { messages: 1_000_000, samples: 50 },
    webLoads: 5,
    webLongRoom: { messages: 5_000, sends: 20 },
    importMessages: 500_000,
    retentionMessages: 100_000,
    cluster: { rooms: 1000, members: 10, rate: 1000, durationMs: 10_000, nodes: [1, 2, 4] },
    crowd: { people: 5000, wave: 1000, inFlight: 300 },
    users: { steps: [500, 1000, 2000, 4000, 8000, 20_000], windowMs: 30_000 },
  },
  quick: {
    fanout: [
      fanout("500 members, 100 msg/s", 1, 500, 100, 10, 1500),
      fanout("200 members, 2,000 msg/s", 1, 200, 2000, 20, 1000),
      fanout("300 members, saturation", 1, 300, 0, 10, 1500),
      fanout("20 rooms × 10 members, 1,000 msg/s", 20, 10, 1000, 1, 1500),
    ],
    idle: { baseline: 500, natter: 500, gcSettleMs: 500 },
    storageMs: 1000,
    storageCases: "100 rooms",
    history: { messages: 300_000, samples: 300 },
    search: { messages: 100_000, samples: 20 },
    webLoads: 2,
    webLongRoom: { messages: 5_000, sends: 10 },
    importMessages: 50_000,
    retentionMessages: 30_000,
    cluster: null,
    crowd: { people: 500, wave: 125, inFlight: 200 },
    users: { steps: [300], windowMs: 6000 },
  },
  smoke: {
    fanout: [
      fanout("20 members, 50 msg/s", 1, 20, 50, 2, 500),
      fanout("10 members, 200 msg/s", 1, 10, 200, 4, 500),
      fanout("20 members, saturation", 1, 20, 0, 2, 500),
      fanout("5 rooms × 4 members, 100 msg/s", 5, 4, 100, 1, 500),
      fanout("40 members, 10 msg/s", 1, 40, 10, 2, 500),
    ],
    idle: { baseline: 50, natter: 50, gcSettleMs: 200 },
    storageMs: 500,
    storageCases: "100 rooms",
    history: { messages: 5_000, samples: 20 },
    search: { messages: 5_000, samples: 5 },
    webLoads: 0,
    webLongRoom: { messages: 0, sends: 0 },
    importMessages: 5_000,
    retentionMessages: 2_000,
    cluster: { rooms: 4, members: 3, rate: 40, durationMs: 500, nodes: [1, 2] },
    crowd: { people: 50, wave: 25, inFlight: 20 },
    users: { steps: [100], windowMs: 4000 },
  },
};
