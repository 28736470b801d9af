import { codeReference } from '../../../kit/references';
import { publicCache } from '../../../kit/cache-control';

// Owned by the communes subgraph; referenced here by key only.
export const Commune = publicCache(codeReference('Commune', false));
export type Commune = InstanceType<typeof Commune>;
export const Province = publicCache(codeReference('Province', false));
export type Province = InstanceType<typeof Province>;
