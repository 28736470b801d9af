import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsEnum, ValidateNested } from 'class-validator';
import { AgeBand, ContractType, Sex } from '../../kit/classifications';
import { LocalDate } from '../../kit/scalars';
import { IsYear } from '../../kit/validation';
import { PlacementDimension } from '../entities/placement-stats';

@InputType({ description: 'Filters of `placementStats`: a list per dimension (any of its values) and a date range; all apply.' })
export class PlacementStatsFilter {
  @Field(() => [Int], { nullable: true })
  @ArrayMaxSize(100)
  @IsYear({ each: true })
  years?: number[];

  @Field(() => [Int], { nullable: true, description: '1–12.' })
  months?: number[];

  @Field(() => [String], { nullable: true, description: 'OMIL commune CUT codes.' })
  @ArrayMaxSize(400)
  communes?: string[];

  @Field(() => [String], { nullable: true, description: 'Province CUT codes.' })
  provinces?: string[];

  @Field(() => [String], { nullable: true, description: 'CIIU section letters.' })
  sectors?: string[];

  @Field(() => [String], { nullable: true, description: 'CIUO-08.CL major groups "0"–"9".' })
  occupationMajorGroups?: string[];

  @Field(() => [Sex], { nullable: true })
  sexes?: Sex[];

  @Field(() => [AgeBand], { nullable: true })
  ageBands?: AgeBand[];

  @Field(() => [ContractType], { nullable: true })
  contractTypes?: ContractType[];

  @Field(() => LocalDate, { nullable: true, description: 'Start date on or after.' })
  from?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Start date on or before.' })
  to?: string;
}

@ArgsType()
export class PlacementStatsArgs {
  @Field(() => PlacementStatsFilter, { nullable: true })
  @ValidateNested()
  filter?: PlacementStatsFilter;

  @Field(() => [PlacementDimension], { defaultValue: [], description: 'Any combination; empty = the grand total.' })
  @IsEnum(PlacementDimension, { each: true })
  groupBy!: PlacementDimension[];
}
