import type { Viewer } from '../kit/context';

/** The gateway's per-request context: the verified viewer and the header to forward. */
export interface GatewayContext {
  viewer: Viewer | null;
  authorization?: string;
}
