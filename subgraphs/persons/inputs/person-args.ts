import { ArgsType, Field, InputType } from 'type-graphql';
import { PeriodFilter } from '../../../kit/args';
import { Order, SortDirection } from '../../../kit/order';
import { Person } from '../entities/person';
import { ArrayMaxSize, IsEnum, ValidateNested } from 'class-validator';
import { AgeBand, Education, Sex } from '../../../domain/classifications';
import { PageArgs } from '../../../kit/pagination';
import { IsCommuneCode } from '../../../kit/validation';

export const PersonOrder = Order<Person, 'REGISTERED_AT'>(
  'Person',
  { REGISTERED_AT: 'registeredAt' },
  { field: 'REGISTERED_AT', direction: SortDirection.DESC },
);

@InputType({
  description:
    'Filters of `persons`: a period of registration dates, communes, sexes, age bands, education levels; all given conditions apply.',
})
export class PersonFilter extends PeriodFilter {
  @Field(() => [String], { nullable: true, description: 'Communes of residence or of the registering OMIL (CUT codes).' })
  @ArrayMaxSize(400)
  @IsCommuneCode({ each: true })
  communes?: string[];

  @Field(() => [Sex], { nullable: true })
  @IsEnum(Sex, { each: true })
  sexes?: Sex[];

  @Field(() => [AgeBand], { nullable: true, description: 'Age band today.' })
  @IsEnum(AgeBand, { each: true })
  ageBands?: AgeBand[];

  @Field(() => [Education], { nullable: true })
  @IsEnum(Education, { each: true })
  educationLevels?: Education[];
}

@ArgsType()
export class PersonsArgs extends PageArgs {
  @Field(() => PersonFilter, { nullable: true })
  @ValidateNested()
  filter?: PersonFilter;

  @Field(() => PersonOrder, { nullable: true, description: 'Default: newest registration first.' })
  @ValidateNested()
  orderBy?: InstanceType<typeof PersonOrder>;
}
