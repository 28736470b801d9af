import type { Viewer } from '../kit/context';
import type { DatasetExtension } from '../kit/dataset';
import type { Spent } from './limits';

/** The gateway's per-request context: the verified viewer and the header to forward. */
export interface GatewayContext {
  viewer: Viewer | null;
  authorization?: string;
  /** The request's id (the client's x-request-id when well-formed, else generated), sent to every subgraph and echoed back. */
  requestId?: string;
  /** The purpose the client declared (x-purpose), forwarded to the subgraphs that audit personal reads. */
  purpose?: string;
  /** The token's `client` claim: a partner client runs only its trusted documents. */
  client?: string;
  /** Set for a partner client's request: its name and cost budget (trusted-documents/<client>/manifest.json). */
  partner?: { client: string; cost?: number };
  /** What each subgraph called for this request said about its data (response extension). */
  datasets?: Record<string, DatasetExtension>;
  /** Epoch ms after which no subgraph fetch runs (REQUEST_TIMEOUT_MS from the request's start). */
  deadline?: number;
  /** What the operations of this HTTP request (a batch shares one context) have spent of the limits. */
  spent?: Spent;
  /** Set once the operation is costed heavy: its subgraph fetches go to the heavy lane when there is one (gateway/lanes.ts). */
  heavy?: boolean;
}
