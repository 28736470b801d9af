import { LocalDateResolver } from 'graphql-scalars';

/** A calendar date, "YYYY-MM-DD" (no time zone): start dates, date-range filters. */
export const LocalDate = LocalDateResolver;
