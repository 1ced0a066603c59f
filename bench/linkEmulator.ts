/**
 * A regional office's link, emulated on loopback for the sync benchmark: a TCP proxy in front of a server that
 * shapes what goes through it. Up (client to server) shares one bandwidth among all connections; both ways take
 * half the round trip; a new connection sends nothing before its handshake's round trip; each segment is lost with
 * the given probability and arrives a round trip later, holding back what follows it on that connection (TCP's
 * retransmission and in-order delivery), and its resend takes the link again; at every disconnect all open
 * connections are cut. Not modelled: TCP's slow start and congestion window, the same for ours and the reference.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { seededRandom } from '../sandbox/seededRandom';

export interface LinkShape {
  upBitsPerSecond: number;
  rttMs: number;
  /** Probability that a segment is lost (and resent a round trip later). */
  loss: number;
  /** All open connections are cut this often, counted from the start; 0 never. */
  disconnectEveryMs: number;
  seed?: number;
}

export const REGIONAL_LINK: LinkShape = { upBitsPerSecond: 4_000_000, rttMs: 100, loss: 0.01, disconnectEveryMs: 60_000 };

/** Ethernet's TCP payload per segment. */
const SEGMENT_BYTES = 1460;
/** What a sender may have in flight before it waits: a socket's send buffer and the window. */
const SEND_WINDOW_BYTES = 256 * 1024;

export interface LinkEmulator {
  /** http://127.0.0.1:port, forwarding to the target. */
  url: string;
  stats: { connections: number; disconnects: number; segmentsLost: number };
  close(): Promise<void>;
}

/** One direction of one connection: segments leave in order and are handed over in order. */
class Direction {
  private readonly queue: { bytes: Buffer; at: number }[] = [];
  private queuedBytes = 0;
  private lastArrival = 0;
  private timer: NodeJS.Timeout | undefined;
  /** The sender closed its side: once what is on the way arrives, so does the close. */
  private ended = false;

  constructor(
    private readonly from: Socket,
    private readonly to: Socket,
    /** When the segment leaves the sender, given its size and whether it is a resend; undefined: not shaped. */
    private readonly depart: (bytes: number) => number,
    private readonly link: { shape: LinkShape; random: () => number; lost(): void; readyAt: number },
  ) {
    from.on('data', (chunk: Buffer) => this.send(chunk));
    from.on('end', () => {
      this.ended = true;
      this.schedule();
    });
  }

  private send(chunk: Buffer) {
    const { shape, random } = this.link;
    for (let offset = 0; offset < chunk.length; offset += SEGMENT_BYTES) {
      const segment = chunk.subarray(offset, offset + SEGMENT_BYTES);
      let leaves = Math.max(this.depart(segment.length), this.link.readyAt);
      // A lost segment is resent once its loss is noticed, about a round trip later, and takes the link again.
      while (random() < shape.loss) {
        this.link.lost();
        leaves = Math.max(this.depart(segment.length), leaves + shape.rttMs);
      }
      this.lastArrival = Math.max(this.lastArrival, leaves + shape.rttMs / 2);
      this.queue.push({ bytes: segment, at: this.lastArrival });
      this.queuedBytes += segment.length;
    }
    if (this.queuedBytes > SEND_WINDOW_BYTES) this.from.pause();
    this.schedule();
  }

  private schedule() {
    if (this.timer) return;
    if (this.queue.length === 0) {
      if (this.ended) this.to.end();
      return;
    }
    this.timer = setTimeout(() => this.deliver(), Math.max(0, this.queue[0]!.at - performance.now()));
  }

  private deliver() {
    this.timer = undefined;
    const now = performance.now();
    const due: Buffer[] = [];
    while (this.queue.length > 0 && this.queue[0]!.at <= now) {
      const { bytes } = this.queue.shift()!;
      this.queuedBytes -= bytes.length;
      due.push(bytes);
    }
    if (due.length > 0 && !this.to.destroyed) this.to.write(Buffer.concat(due));
    if (this.queuedBytes <= SEND_WINDOW_BYTES / 2 && this.from.isPaused()) this.from.resume();
    this.schedule();
  }

  stop() {
    clearTimeout(this.timer);
  }
}

export async function startLinkEmulator(target: string, shape: LinkShape): Promise<LinkEmulator> {
  const { hostname, port } = new URL(target);
  const random = seededRandom(shape.seed ?? 21);
  const stats = { connections: 0, disconnects: 0, segmentsLost: 0 };
  const open = new Set<Socket>();
  // The shared uplink: when it is next free.
  let upFreeAt = 0;
  const upDepart = (bytes: number) => {
    upFreeAt = Math.max(upFreeAt, performance.now()) + (bytes * 8 * 1000) / shape.upBitsPerSecond;
    return upFreeAt;
  };
  const downDepart = () => performance.now();

  const server: Server = createServer((client) => {
    stats.connections += 1;
    const upstream = connect(Number(port), hostname);
    const link = { shape, random, lost: () => (stats.segmentsLost += 1), readyAt: performance.now() + shape.rttMs };
    const directions = [new Direction(client, upstream, upDepart, link), new Direction(upstream, client, downDepart, link)];
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.setNoDelay(true);
      // A reset on either side resets the other; an orderly close travels as data does (Direction).
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      socket.on('close', () => {
        open.delete(socket);
        if (client.destroyed && upstream.destroyed) for (const direction of directions) direction.stop();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const cutAll = setInterval(
    () => {
      stats.disconnects += 1;
      for (const socket of open) socket.destroy();
    },
    shape.disconnectEveryMs || 2 ** 31 - 1,
  );
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    stats,
    close: async () => {
      clearInterval(cutAll);
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
