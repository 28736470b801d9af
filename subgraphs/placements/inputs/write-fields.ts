import { IsInt, Matches, Min } from 'class-validator';

export { IsIdempotencyKey, IsNumericId, IsReason, IsVersion } from '../../../kit/writes/fields';

export const IsOccupationCode = () => Matches(/^\d{4}$/, { message: 'must be a 4-digit CIUO-08.CL unit group, e.g. "5223"' });
export function IsWage(): PropertyDecorator {
  return (target, key) => {
    IsInt({ message: 'must be a whole number of CLP' })(target, key);
    Min(1, { message: 'must be a positive amount of CLP' })(target, key);
  };
}
