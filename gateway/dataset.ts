import type { ApolloServerPlugin } from '@apollo/server';
import type { DatasetExtension } from '../kit/dataset';
import type { GatewayContext } from './context';

/** What the gateway tells the client: synthetic when any subgraph that answered served synthetic data. */
export interface GatewayDatasetExtension {
  synthetic: boolean;
  notice?: string;
  /** The origin of each subgraph that took part in the answer. */
  origins: Record<string, string>;
}

/** Keeps what a subgraph said about its dataset, for the final response. */
export function collectDataset(context: GatewayContext | undefined, subgraph: string, extension: unknown): void {
  if (!context || !extension || typeof extension !== 'object') return;
  (context.datasets ??= {})[subgraph] = extension as DatasetExtension;
}

export function mergeDatasets(datasets: Record<string, DatasetExtension>): GatewayDatasetExtension | undefined {
  const entries = Object.entries(datasets).sort(([a], [b]) => a.localeCompare(b));
  if (!entries.length) return undefined;
  const notice = entries.find(([, d]) => d.synthetic && d.notice)?.[1].notice;
  return {
    synthetic: entries.some(([, d]) => d.synthetic === true),
    ...(notice ? { notice } : {}),
    origins: Object.fromEntries(entries.map(([name, d]) => [name, String(d.origin)])),
  };
}

/** Puts the merged label on the response, errors included, whenever a subgraph answered. */
export function datasetPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const dataset = mergeDatasets(contextValue.datasets ?? {});
          if (!dataset) return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, dataset };
        },
      };
    },
  };
}
