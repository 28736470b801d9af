import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ValidateNested } from 'class-validator';
import { PageArgs } from '../../kit/pagination';
import { LocalDate } from '../../kit/scalars';
import { IsCommuneCode, IsYear } from '../../kit/validation';

@InputType({ description: 'Placements of a period; all given conditions apply (from/to inclusive).' })
export class PeriodFilter {
  @Field(() => Int, { nullable: true })
  @IsYear()
  year?: number;

  @Field(() => LocalDate, { nullable: true, description: 'Start date on or after.' })
  from?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Start date on or before.' })
  to?: string;
}

@InputType({ description: 'Filters of `placements`.' })
export class PlacementFilter extends PeriodFilter {
  @Field(() => [String], { nullable: true, description: 'OMIL commune CUT codes.' })
  @ArrayMaxSize(400)
  @IsCommuneCode({ each: true })
  communes?: string[];
}

@ArgsType()
export class PlacementsArgs extends PageArgs {
  @Field(() => PlacementFilter, { nullable: true })
  @ValidateNested()
  filter?: PlacementFilter;
}

@ArgsType()
export class CommunePlacementsArgs extends PageArgs {
  @Field(() => PeriodFilter, { nullable: true })
  @ValidateNested()
  filter?: PeriodFilter;
}
