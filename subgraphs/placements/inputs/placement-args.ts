import { ArgsType, Field, InputType } from 'type-graphql';
import { ArrayMaxSize, ValidateNested } from 'class-validator';
import { PageArgs } from '../../../kit/pagination';
import { PeriodFilter } from '../../../kit/args';
import { Order, SortDirection } from '../../../kit/order';
import { Placement } from '../entities/placement';
import { IsCommuneCode } from '../../../kit/validation';

export const PlacementOrder = Order<Placement, 'START_DATE'>(
  'Placement',
  { START_DATE: 'startDate' },
  { field: 'START_DATE', direction: SortDirection.ASC },
);

@InputType({ description: 'Filters of `placements`: a period of start dates, OMIL communes; all given conditions apply.' })
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

  @Field(() => PlacementOrder, { nullable: true, description: 'Default: earliest start first.' })
  @ValidateNested()
  orderBy?: InstanceType<typeof PlacementOrder>;
}

@ArgsType()
export class CommunePlacementsArgs extends PageArgs {
  @Field(() => PeriodFilter, { nullable: true, description: 'A period of start dates.' })
  @ValidateNested()
  filter?: PeriodFilter;

  @Field(() => PlacementOrder, { nullable: true, description: 'Default: earliest start first.' })
  @ValidateNested()
  orderBy?: InstanceType<typeof PlacementOrder>;
}
