// Frames sent to one socket in the same event-loop turn leave in one write. The socket is corked at
// the turn's first frame and uncorked by process.nextTick, which runs after the promise callbacks of
// the turn: a group commit resolves a map's stored updates together and each is relayed from its own
// callback, so without this every frame to every recipient was its own writev system call (a third
// of the server's CPU under fan-out, by profile). Nothing waits longer: the uncork is in the same turn.
import type { Duplex } from 'node:stream';

/** The sockets corked in this turn, released together by one nextTick (not one per socket). */
let heldThisTurn: TurnBatch[] = [];

function releaseTurn(): void {
  const held = heldThisTurn;
  heldThisTurn = [];
  for (const batch of held) batch.release();
}

export class TurnBatch {
  private corked = false;

  constructor(private readonly socket: Duplex) {}

  /** Call before each write to the socket in a turn. */
  hold(): void {
    if (this.corked || this.socket.destroyed) return;
    this.corked = true;
    this.socket.cork();
    if (heldThisTurn.push(this) === 1) process.nextTick(releaseTurn);
  }

  /** Sends what this turn held (called by releaseTurn). */
  release(): void {
    this.corked = false;
    if (!this.socket.destroyed) this.socket.uncork();
  }
}
