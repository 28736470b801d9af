import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from './context';

/**
 * A second copy of the subgraphs with an event loop of its own (the all-in-one start runs one in
 * a worker thread): heavy operations' subgraph work (SQL, statistics, serialising thousands of
 * rows) runs there, so it cannot hold up cheap requests, whose subgraph work stays on the usual
 * path. `urls` is set once the lane is ready and cleared if it stops; meanwhile heavy operations
 * take the usual path.
 */
export interface HeavyLane {
  urls?: Record<string, string>;
}

/** One subgraph reached two ways: a heavy operation's fetches (context.heavy) go to the heavy lane's copy when it is up. */
export class LanedDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    private readonly usual: GraphQLDataSource<GatewayContext>,
    private readonly heavy: () => GraphQLDataSource<GatewayContext> | undefined,
  ) {}

  process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const context = 'context' in options ? options.context : undefined;
    const source = (context?.heavy && this.heavy()) || this.usual;
    return source.process(options);
  }
}
