import { codeReference } from '../../../kit/references';

// Owned by the communes subgraph; this one adds employers and vacancies to communes by key.
export const Commune = codeReference('Commune');
export type Commune = InstanceType<typeof Commune>;
export const Province = codeReference('Province', false);
export type Province = InstanceType<typeof Province>;
