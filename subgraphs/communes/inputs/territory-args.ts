import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { ValidateNested } from 'class-validator';
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

@InputType({ description: 'Filters of `communes`; all given conditions apply.' })
export class CommuneFilter {
  @Field({ nullable: true })
  @IsRegionCode()
  region?: string;

  @Field({ nullable: true })
  @IsProvinceCode()
  province?: string;

  @Field(() => Int, { nullable: true, description: 'Only communes with a FOMIL agreement that year.' })
  @IsYear()
  withAgreementIn?: number;
}

@ArgsType()
export class CommunesArgs extends PageArgs {
  @Field(() => CommuneFilter, { nullable: true })
  @ValidateNested()
  filter?: CommuneFilter;
}
