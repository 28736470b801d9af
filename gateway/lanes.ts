import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { LocalHandler } from '../kit/serve';
import type { GatewayContext } from './context';

/**
 * A copy of the subgraphs with an event loop of its own (the all-in-one start runs each lane in a
 * worker thread, scripts/lane.ts), called in process through the thread's message port. `handlers`
 * is set once the lane is ready and cleared if it stops; meanwhile its requests take the usual path.
 */
export interface Lane {
  handlers?: Record<string, LocalHandler>;
}

/**
 * Where the all-in-one start's reads run: `read`, every query's subgraph work, so the gateway and
 * the subgraphs use a core each; `heavy`, the operations costed heavy, so they cannot hold up the
 * others. Writes (and reads while a lane is not up) stay with the main thread's subgraphs, which
 * also publish and consume the events.
 */
export interface Lanes {
  read?: Lane;
  heavy?: Lane;
}

/** One subgraph reached through the lanes: a query's fetches go to its lane when it is up, anything else to the usual source. */
export class LanedDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly built = new Map<LocalHandler, GraphQLDataSource<GatewayContext>>();

  constructor(
    private readonly name: string,
    private readonly usual: GraphQLDataSource<GatewayContext>,
    private readonly lanes: Lanes,
    private readonly sourceOf: (handler: LocalHandler) => GraphQLDataSource<GatewayContext>,
  ) {}

  private laneFor(options: GraphQLDataSourceProcessOptions<GatewayContext>): GraphQLDataSource<GatewayContext> | undefined {
    if (!('incomingRequestContext' in options)) return undefined; // health checks, schema loads
    if (options.incomingRequestContext.operation?.operation !== 'query') return undefined;
    const lane = options.context?.heavy ? this.lanes.heavy : this.lanes.read;
    const handler = lane?.handlers?.[this.name];
    if (!handler) return undefined;
    let source = this.built.get(handler);
    if (!source) this.built.set(handler, (source = this.sourceOf(handler)));
    return source;
  }

  process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    return (this.laneFor(options) ?? this.usual).process(options);
  }
}
