import { randomBytes } from 'node:crypto';

/** A one-use header the inspector adds to its own requests (resend, self-test); the proxy strips it before forwarding. */
export const REPLAY_HEADER = 'x-llm-inspector-replay';

export interface IssuedMarker {
  token: string;
  /** the id of the exchange the proxy began for the marked request; null when it captured none (capture off) */
  exchangeId: Promise<number | null>;
  /** stop waiting (the request failed before the proxy saw it): exchangeId resolves null */
  cancel(): void;
}

/**
 * Ties a request the inspector sends through its own proxy to the exchange the proxy records for it. Tokens are random
 * and live only until claimed or cancelled, so a client cannot guess one or reuse a spent one.
 */
export class ReplayMarkers {
  private readonly waiting = new Map<string, (id: number | null) => void>();

  issue(): IssuedMarker {
    const token = randomBytes(16).toString('hex');
    let settle: (id: number | null) => void = () => undefined;
    const exchangeId = new Promise<number | null>((resolve) => {
      settle = resolve;
    });
    this.waiting.set(token, settle);
    return { token, exchangeId, cancel: () => this.claim(token, null) };
  }

  /** The proxy saw the marker and began exchange `id` (null: nothing was recorded). Unknown tokens are ignored. */
  claim(token: string, id: number | null): void {
    const settle = this.waiting.get(token);
    if (settle === undefined) return;
    this.waiting.delete(token);
    settle(id);
  }

  get pending(): number {
    return this.waiting.size;
  }
}
