import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AgeBand, Education, Sex } from '../../../domain/classifications';
import { Commune, Province } from './territory';

export enum JobSeekerDimension {
  YEAR = 'YEAR',
  MONTH = 'MONTH',
  COMMUNE = 'COMMUNE',
  PROVINCE = 'PROVINCE',
  SEX = 'SEX',
  AGE_BAND = 'AGE_BAND',
  EDUCATION = 'EDUCATION',
}
registerEnumType(JobSeekerDimension, { name: 'JobSeekerDimension', description: 'What `jobSeekerStats` can group by (year and month of registration; the registering OMIL).' });

@ObjectType({ description: 'One cell of `jobSeekerStats`: counts only, never people.' })
export class JobSeekerStatsRow {
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => Int, { nullable: true }) month?: number | null;
  @Field(() => Commune, { nullable: true, description: 'The registering OMIL.' }) commune?: Commune | null;
  @Field(() => Province, { nullable: true }) province?: Province | null;
  @Field(() => Sex, { nullable: true }) sex?: Sex | null;
  @Field(() => AgeBand, { nullable: true, description: 'At registration.' }) ageBand?: AgeBand | null;
  @Field(() => Education, { nullable: true }) education?: Education | null;

  @Field(() => Int, { nullable: true, description: 'Registrations; null when suppressed.' })
  registrations!: number | null;

  @Field({ description: 'True when the cell holds fewer than 5 people and the caller sees no exact counts.' })
  suppressed!: boolean;
}
