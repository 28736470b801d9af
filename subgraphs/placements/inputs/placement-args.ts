import { ArgsType, Field, InputType } from 'type-graphql';
import { ArrayMaxSize, ValidateNested } from 'class-validator';
import { PageArgs } from '../../../kit/pagination';
import { PeriodFilter } from '../../../kit/args';
import { IsCommuneCode } from '../../../kit/validation';

@InputType({ description: 'Filters of `placements`: a period of start dates and OMIL communes.' })
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
  @Field(() => PeriodFilter, { nullable: true, description: 'A period of start dates.' })
  @ValidateNested()
  filter?: PeriodFilter;
}
