import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ValidateNested } from 'class-validator';
import { Order, SortDirection } from '../../../kit/order';
import { Commune } from '../entities/commune';
import { PageArgs } from '../../../kit/pagination';
import { IsCommuneCode, IsProvinceCode, IsRegionCode, IsYear } from '../../../kit/validation';

@ArgsType()
export class RegionArgs {
  @Field({ description: 'CUT region code, e.g. "10".' })
  @IsRegionCode()
  code!: string;
}

@ArgsType()
export class ProvinceArgs {
  @Field({ description: 'CUT province code, e.g. "101".' })
  @IsProvinceCode()
  code!: string;
}

@ArgsType()
export class CommuneArgs {
  @Field({ description: 'CUT commune code, e.g. "10101".' })
  @IsCommuneCode()
  code!: string;
}

export const CommuneOrder = Order<Commune, 'CODE' | 'NAME' | 'POPULATION'>(
  'Commune',
  { CODE: 'code', NAME: 'name', POPULATION: 'population' },
  { field: 'CODE', direction: SortDirection.ASC },
  'code',
);

@InputType({ description: 'Filters of `communes`: regions, provinces, an agreement year; all given conditions apply.' })
export class CommuneFilter {
  @Field(() => [String], { nullable: true, description: 'CUT region codes.' })
  @ArrayMaxSize(400)
  @IsRegionCode({ each: true })
  regions?: string[];

  @Field(() => [String], { nullable: true, description: 'CUT province codes.' })
  @ArrayMaxSize(400)
  @IsProvinceCode({ each: true })
  provinces?: string[];

  @Field(() => Int, { nullable: true, description: 'Only communes with a FOMIL agreement that year.' })
  @IsYear()
  withAgreementIn?: number;
}

@ArgsType()
export class CommunesArgs extends PageArgs {
  @Field(() => CommuneFilter, { nullable: true })
  @ValidateNested()
  filter?: CommuneFilter;

  @Field(() => CommuneOrder, { nullable: true, description: 'Default: by CUT code.' })
  @ValidateNested()
  orderBy?: InstanceType<typeof CommuneOrder>;
}
