/** The logger label of background work (event relay, consumers): its statements are not a request's. */
export const BACKGROUND = 'background';
