import { codeReference, idReference } from '../../../kit/references';

// Owned by other subgraphs: training adds courses and workshops to communes, enrolments and
// workshops to people, and points at provinces.
export const Commune = codeReference('Commune');
export type Commune = InstanceType<typeof Commune>;
export const Person = idReference('Person');
export type Person = InstanceType<typeof Person>;
export const Province = codeReference('Province', false);
export type Province = InstanceType<typeof Province>;
