import { codeReference, idReference } from '../../../kit/references';
import { publicCache } from '../../../kit/cache-control';

// Owned by the communes subgraph; this one adds placement summaries and placements to the
// territory by key.
export const Commune = publicCache(codeReference('Commune'));
export type Commune = InstanceType<typeof Commune>;
export const Province = publicCache(codeReference('Province'));
export type Province = InstanceType<typeof Province>;
export const Region = publicCache(codeReference('Region'));
export type Region = InstanceType<typeof Region>;

// Owned by the persons and employers subgraphs; this one adds their placements by key.
export const Person = idReference('Person');
export type Person = InstanceType<typeof Person>;
export const Employer = idReference('Employer');
export type Employer = InstanceType<typeof Employer>;
export const Vacancy = idReference('Vacancy');
export type Vacancy = InstanceType<typeof Vacancy>;
