import type { Viewer } from '../kit/context';
import type { DatasetExtension } from '../kit/dataset';

/** The gateway's per-request context: the verified viewer and the header to forward. */
export interface GatewayContext {
  viewer: Viewer | null;
  authorization?: string;
  /** What each subgraph called for this request said about its data (response extension). */
  datasets?: Record<string, DatasetExtension>;
}
