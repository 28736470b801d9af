import { ArgsType, Field, InputType } from 'type-graphql';
import { IsEnum, ValidateNested } from 'class-validator';
import { StatsFilterBase } from '../../../kit/args';
import { AgeBand, ContractType, Sex } from '../../../domain/classifications';
import { PlacementDimension } from '../entities/placement-stats';

@InputType({ description: 'Filters of `placementStats`: a list per dimension (any of its values) and a range of start dates; all apply.' })
export class PlacementStatsFilter extends StatsFilterBase {
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
