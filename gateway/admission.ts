import { GraphQLError } from 'graphql';

/**
 * A counting semaphore with a bounded queue: heavy operations (by estimated cost) run a few at a
 * time, so cheap requests never wait behind a crowd of them; beyond the queue, RATE_LIMITED.
 */
export class Admission {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly queue: number,
  ) {}

  /** Resolves with the release function once a slot is free; throws RATE_LIMITED when the queue is full. */
  async acquire(): Promise<() => void> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queue) {
        throw new GraphQLError(
          `Too many expensive operations at once (${this.concurrency} running, ${this.queue} waiting): retry shortly`,
          {
            // Apollo Server reads http.headers as a Map (some packages type GraphQL extensions otherwise).
            extensions: { code: 'RATE_LIMITED', http: { status: 429, headers: new Map([['retry-after', '1']]) } } as Record<
              string,
              unknown
            >,
          },
        );
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    };
  }
}
