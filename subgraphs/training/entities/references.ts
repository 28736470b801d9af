import { codeReference, idReference } from '../../../kit/references';
import { publicCache } from '../../../kit/cache-control';

// Owned by other subgraphs: training adds courses and workshops to communes, enrolments and
// workshops to people, and points at provinces.
export const Commune = publicCache(codeReference('Commune'));
export type Commune = InstanceType<typeof Commune>;
export const Person = idReference('Person');
export type Person = InstanceType<typeof Person>;
export const Province = publicCache(codeReference('Province', false));
export type Province = InstanceType<typeof Province>;
