/** Socket.IO room names: one per chat room, one per user (all of that user's tabs). */
export const roomChannel = (roomId: number): string => `room:${roomId}`;
export const userChannel = (userId: number): string => `user:${userId}`;
/** All connections opened with one session token, so logging out closes exactly them. */
export const sessionChannel = (tokenHash: string): string => `session:${tokenHash}`;
