import { codeReference } from '../../../kit/references';

// Owned by the communes subgraph; referenced here by key only.
export const Commune = codeReference('Commune', false);
export type Commune = InstanceType<typeof Commune>;
export const Province = codeReference('Province', false);
export type Province = InstanceType<typeof Province>;
