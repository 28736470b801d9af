import { Field, InputType, registerEnumType } from 'type-graphql';
import type { QueryOrderMap } from '@mikro-orm/core';

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection', description: 'ASC: earliest, smallest or A first; DESC: the reverse.' });

/** A list's order as findPage applies it: `key` names it in cursors, `orderBy` ends with the id. */
export interface ListOrder<T> {
  key: string;
  orderBy: QueryOrderMap<T>;
}

export interface OrderValue<F extends string> {
  field: F;
  direction?: SortDirection | null;
}

/**
 * Builds the `<Name>Order { field: <Name>OrderField!, direction: SortDirection = ASC }` input of
 * a list from a map of field enum value → entity property. `resolve` turns an input (or none:
 * the default) into the ORM order, with the unique id last in the same direction, so rows that
 * tie on the field keep one order across pages.
 */
export function Order<T, F extends string>(
  name: string,
  fields: Record<F, keyof T & string>,
  defaults: { field: F; direction: SortDirection },
  id: keyof T & string = 'id' as keyof T & string,
) {
  const values = Object.fromEntries(Object.keys(fields).map((f) => [f, f])) as Record<F, F>;
  registerEnumType(values, { name: `${name}OrderField`, description: `What \`${name}Order\` sorts by.` });

  @InputType(`${name}Order`, {
    description: `A sort order (default ${defaults.field} ${defaults.direction}); ties are broken by id in the same direction.`,
  })
  class OrderInput implements OrderValue<F> {
    @Field(() => values)
    field!: F;

    @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
    direction: SortDirection = SortDirection.ASC;
  }

  function resolve(order: OrderValue<F> | null | undefined): ListOrder<T> {
    const field = order?.field ?? defaults.field;
    const direction = order ? (order.direction ?? SortDirection.ASC) : defaults.direction;
    const dir = direction === SortDirection.ASC ? 'asc' : 'desc';
    const orderBy = { [fields[field]]: dir, [id]: dir } as QueryOrderMap<T>;
    return { key: `${field}.${direction}`, orderBy };
  }

  return Object.assign(OrderInput, { resolve, defaults });
}
