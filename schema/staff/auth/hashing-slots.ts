import { AppError } from '../../common/app-error';

/**
 * A bound on password hashing: at most `concurrency` scrypt computations at once (each takes
 * 32 MiB and tens of milliseconds of a core) and at most `maxWaiting` sign-ins queued behind
 * them; past that a sign-in is refused at once with TOO_MANY_REQUESTS, so a flood of sign-ins
 * can neither exhaust memory nor take every core from the platform.
 */
export class HashingSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  /** sign-ins refused because the queue was full */
  refused = 0;
  /** sign-ins that got a slot (and so may have hashed) */
  entered = 0;
  /** the most slots ever taken at once */
  maxRunning = 0;

  constructor(
    private readonly concurrency = 2,
    private readonly maxWaiting = 16,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) {
        this.refused++;
        throw new AppError('TOO_MANY_REQUESTS', 'Too many sign-ins at once; try again in a moment');
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    this.entered++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
