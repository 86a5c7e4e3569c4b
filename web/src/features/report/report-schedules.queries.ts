import { graphql } from '../../gql';

/** One run of a schedule: a schedule's last run, and what "Send now" comes back with. */
export const REPORT_RUN_FIELDS = graphql(`
  fragment ReportRunFields on ReportRun {
    state
    attempts
    sentAt
    nextAttemptAt
    periodFrom
    periodTo
    manual
  }
`);

export const REPORT_SCHEDULE_FIELDS = graphql(`
  fragment ReportScheduleFields on ReportSchedule {
    id
    cadence
    weekday
    day
    hour
    timeZone
    recipients
    language
    paused
    nextRunAt
    attempts
    lastError
    lastRun {
      ...ReportRunFields
    }
  }
`);

export const REPORT_SCHEDULES_QUERY = graphql(`
  query ReportSchedules($brandId: ID!) {
    reportSchedules(brandId: $brandId) {
      ...ReportScheduleFields
    }
  }
`);

export const CREATE_REPORT_SCHEDULE = graphql(`
  mutation CreateReportSchedule($input: CreateReportScheduleInput!) {
    createReportSchedule(input: $input) {
      ...ReportScheduleFields
    }
  }
`);

export const PAUSE_REPORT_SCHEDULE = graphql(`
  mutation PauseReportSchedule($id: ID!) {
    pauseReportSchedule(id: $id) {
      ...ReportScheduleFields
    }
  }
`);

export const RESUME_REPORT_SCHEDULE = graphql(`
  mutation ResumeReportSchedule($id: ID!) {
    resumeReportSchedule(id: $id) {
      ...ReportScheduleFields
    }
  }
`);

export const DELETE_REPORT_SCHEDULE = graphql(`
  mutation DeleteReportSchedule($id: ID!) {
    deleteReportSchedule(id: $id)
  }
`);

export const SEND_REPORT_NOW = graphql(`
  mutation SendReportNow($id: ID!) {
    sendReportNow(id: $id) {
      ...ReportRunFields
    }
  }
`);
