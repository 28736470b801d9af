import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AgeBand, ContractType, Sex } from '../../../domain/classifications';
import { Commune, Province } from './territory';

export enum PlacementDimension {
  YEAR = 'YEAR',
  MONTH = 'MONTH',
  COMMUNE = 'COMMUNE',
  PROVINCE = 'PROVINCE',
  SECTOR = 'SECTOR',
  OCCUPATION_MAJOR_GROUP = 'OCCUPATION_MAJOR_GROUP',
  SEX = 'SEX',
  AGE_BAND = 'AGE_BAND',
  CONTRACT_TYPE = 'CONTRACT_TYPE',
}
registerEnumType(PlacementDimension, { name: 'PlacementDimension', description: 'What `placementStats` can group by.' });

@ObjectType({ description: 'One cell of `placementStats`: the grouped keys (null when not grouped by) and the measures.' })
export class PlacementStatsRow {
  @Field(() => Int, { nullable: true }) year!: number | null;
  @Field(() => Int, { nullable: true, description: '1–12.' }) month!: number | null;
  @Field(() => Commune, { nullable: true, description: 'The OMIL commune.' }) commune!: Commune | null;
  @Field(() => Province, { nullable: true }) province!: Province | null;
  @Field(() => String, { nullable: true, description: 'CIIU section letter.' }) sector!: string | null;
  @Field(() => String, { nullable: true, description: 'CIUO-08.CL major group, "0"–"9".' }) occupationMajorGroup!: string | null;
  @Field(() => Sex, { nullable: true }) sex!: Sex | null;
  @Field(() => AgeBand, { nullable: true }) ageBand!: AgeBand | null;
  @Field(() => ContractType, { nullable: true }) contractType!: ContractType | null;

  @Field(() => Int, { nullable: true, description: 'Placements; null when suppressed.' })
  placements!: number | null;

  @Field({ description: 'True when the cell holds fewer than 5 people and the caller sees no exact counts (public, partners).' })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true, description: 'Summed FOMIL goals of the cell; only when grouping and filtering by year, commune and province alone.' })
  goal!: number | null;

  @Field(() => Float, { nullable: true, description: 'placements / goal (1.01 = 101%).' })
  compliance!: number | null;

  @Field(() => Int, { nullable: true, description: 'With YEAR grouped: the same cell a year earlier (null when that year has no data, or with a from/to range).' })
  previousYearPlacements!: number | null;

  @Field(() => Float, { nullable: true, description: '(placements − previousYearPlacements) / previousYearPlacements.' })
  yearOverYearChange!: number | null;
}
