import { ArgsType, Field, Int } from 'type-graphql';
import { IsYear } from './validation';

/** `(year: Int!)` on a field, checked against the platform's year range. */
@ArgsType()
export class YearArgs {
  @Field(() => Int)
  @IsYear()
  year!: number;
}
