/** Bumped on any incompatible change to events or REST shapes; checked at the socket handshake. */
export const PROTOCOL_VERSION = 1;
