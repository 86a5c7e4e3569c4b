import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Reader } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { CreateReportScheduleInput, ReportRunDto, ReportScheduleDto } from './dtos/report-schedule.dto.js';
import { ReportScheduleService } from './report-schedule.service.js';

/** Scheduled email reports: the admin, or a READ token of the brand (an agency's own client). */
@Resolver(() => ReportScheduleDto)
export class ReportScheduleResolver {
  constructor(private readonly service: ReportScheduleService) {}

  @Mutation(() => ReportScheduleDto, {
    description: "Email a brand's report (PDF + sessions, commercers and products CSVs) every week or month",
  })
  createReportSchedule(
    @Reader() principal: Principal,
    @Args('input') input: CreateReportScheduleInput,
  ): Promise<ReportScheduleDto> {
    return this.service.create(principal, input);
  }

  @Query(() => [ReportScheduleDto], { description: "A brand's report schedules with their state, oldest first" })
  reportSchedules(
    @Reader() principal: Principal,
    @Args('brandId', { type: () => ID }) brandId: string,
  ): Promise<ReportScheduleDto[]> {
    return this.service.list(principal, brandId);
  }

  @Mutation(() => ReportScheduleDto, { description: 'Stop sending until resumed (failed runs wait too)' })
  pauseReportSchedule(
    @Reader() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ReportScheduleDto> {
    return this.service.setPaused(principal, id, true);
  }

  @Mutation(() => ReportScheduleDto, { description: 'Send again from the next occurrence on' })
  resumeReportSchedule(
    @Reader() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ReportScheduleDto> {
    return this.service.setPaused(principal, id, false);
  }

  @Mutation(() => Boolean, { description: 'Delete a schedule; its failed runs are not retried' })
  deleteReportSchedule(@Reader() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.service.delete(principal, id);
  }

  @Mutation(() => ReportRunDto, {
    description: 'Send the report now (the period a run now would cover); answers once sent or failed',
  })
  sendReportNow(@Reader() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<ReportRunDto> {
    return this.service.sendNow(principal, id);
  }
}
