import { codeReference } from '../../../kit/references';
import { publicCache } from '../../../kit/cache-control';

// Owned by the communes subgraph; this one adds employers and vacancies to communes by key.
export const Commune = publicCache(codeReference('Commune'));
export type Commune = InstanceType<typeof Commune>;
export const Province = publicCache(codeReference('Province', false));
export type Province = InstanceType<typeof Province>;
