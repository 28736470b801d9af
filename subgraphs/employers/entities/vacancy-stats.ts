import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ContractType } from '../../../domain/classifications';
import { VacancyStatus } from './enums';
import { Commune, Province } from './territory';

export enum VacancyDimension {
  YEAR = 'YEAR',
  MONTH = 'MONTH',
  COMMUNE = 'COMMUNE',
  PROVINCE = 'PROVINCE',
  SECTOR = 'SECTOR',
  OCCUPATION_MAJOR_GROUP = 'OCCUPATION_MAJOR_GROUP',
  CONTRACT_TYPE = 'CONTRACT_TYPE',
  STATUS = 'STATUS',
}
registerEnumType(VacancyDimension, { name: 'VacancyDimension', description: 'What `vacancyStats` can group by (year and month of opening).' });

@ObjectType({ description: 'One cell of `vacancyStats`. Vacancies are not people: no cell is suppressed.' })
export class VacancyStatsRow {
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => Int, { nullable: true }) month?: number | null;
  @Field(() => Commune, { nullable: true }) commune?: Commune | null;
  @Field(() => Province, { nullable: true }) province?: Province | null;
  @Field(() => String, { nullable: true }) sector?: string | null;
  @Field(() => String, { nullable: true }) occupationMajorGroup?: string | null;
  @Field(() => ContractType, { nullable: true }) contractType?: ContractType | null;
  @Field(() => VacancyStatus, { nullable: true }) status?: VacancyStatus | null;

  @Field(() => Int) vacancies!: number;
  @Field(() => Int, { description: 'Positions offered (a vacancy may offer several).' }) positions!: number;
}
