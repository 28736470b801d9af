/**
 * Requests sent as messages (a worker thread's port) and answered by id: `open` gives the id to
 * send and the promise its answer settles.
 */
export class Pending<T> {
  private next = 0;
  private readonly waiting = new Map<number, { resolve(value: T): void; reject(error: Error): void }>();

  open(): { id: number; answered: Promise<T> } {
    const id = this.next++;
    const answered = new Promise<T>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    return { id, answered };
  }

  /** Settles request `id`: with `value`, or with an error when `error` is given. */
  settle(id: number, value: T, error?: string): void {
    const waiter = this.waiting.get(id);
    this.waiting.delete(id);
    if (error !== undefined) waiter?.reject(new Error(error));
    else waiter?.resolve(value);
  }

  /** Every open request fails (the other side is gone). */
  failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
