import { idReference } from '../../../kit/references';

// Owned by the persons and employers subgraphs; the OMIL's records point at them by key.
export const Person = idReference('Person');
export type Person = InstanceType<typeof Person>;
export const Employer = idReference('Employer');
export type Employer = InstanceType<typeof Employer>;
export const Vacancy = idReference('Vacancy');
export type Vacancy = InstanceType<typeof Vacancy>;
