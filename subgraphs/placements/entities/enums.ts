import { registerEnumType } from 'type-graphql';

export enum PlacementStatus {
  ACTIVE = 'ACTIVE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(PlacementStatus, {
  name: 'PlacementStatus',
  description: 'ACTIVE: counted; CANCELLED: kept with its reason, left out of lists and statistics.',
});

export enum ReferralOutcome {
  HIRED = 'HIRED',
  NOT_SELECTED = 'NOT_SELECTED',
  WITHDRAWN = 'WITHDRAWN',
  NO_SHOW = 'NO_SHOW',
}
registerEnumType(ReferralOutcome, {
  name: 'ReferralOutcome',
  description: 'How a referral to a vacancy ended: hired, not selected, withdrew, did not show up.',
});
