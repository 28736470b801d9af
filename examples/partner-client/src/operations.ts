import { graphql } from './gql';

/** A commune's placements of a year against its FOMIL goal, with the months behind them. */
export const CommunePlacements = graphql(`
  query CommunePlacements($commune: String!, $year: Int!) {
    commune(code: $commune) {
      code
      name
      province {
        name
      }
      placementSummary(year: $year) {
        year
        placements
        goal
        compliance
        suppressed
      }
    }
    placementStats(filter: { communes: [$commune], years: [$year] }, groupBy: [MONTH]) {
      month
      placements
      suppressed
    }
  }
`);

/** Open vacancies and positions by economic sector (CIIU section), optionally in some communes. */
export const OpenVacanciesBySector = graphql(`
  query OpenVacanciesBySector($communes: [String!]) {
    vacancyStats(filter: { statuses: [OPEN], communes: $communes }, groupBy: [SECTOR]) {
      sector
      vacancies
      positions
    }
  }
`);

/** The latest open vacancies of a sector, with their employer. */
export const OpenVacancies = graphql(`
  query OpenVacancies($sectors: [String!], $communes: [String!], $first: Int = 10) {
    vacancies(first: $first, filter: { statuses: [OPEN], sectors: $sectors, communes: $communes }) {
      totalCount
      nodes {
        id
        title
        sector
        positions
        contractType
        wageMin
        wageMax
        openedAt
        employer {
          name
        }
        commune {
          name
        }
      }
    }
  }
`);

/** A commune's SENCE courses of a year, with their OTEC and enrolment counts. */
export const CoursesByCommune = graphql(`
  query CoursesByCommune($commune: String!, $year: Int!, $first: Int = 20) {
    courses(first: $first, filter: { communes: [$commune], year: $year }, orderBy: { field: START_DATE, direction: ASC }) {
      totalCount
      nodes {
        id
        name
        programme
        hours
        startDate
        endDate
        seats
        enrollmentCount
        completedCount
        provider {
          name
          rut
        }
      }
    }
  }
`);
