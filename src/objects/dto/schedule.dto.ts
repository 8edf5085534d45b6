import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, Matches } from 'class-validator';
import { IsFmgName, ObjectColor, Optional } from '../../common/validation/decorators';

export const WEEKDAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'none',
] as const;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const HH_MM_DATE = /^([01]\d|2[0-3]):[0-5]\d \d{4}\/(0[1-9]|1[0-2])\/(0[1-9]|[12]\d|3[01])$/;

export class CreateRecurringScheduleDto {
  @IsFmgName({ example: 'business-hours', maxLength: 31 })
  name!: string;

  @ApiPropertyOptional({ enum: WEEKDAYS, isArray: true, example: ['monday', 'tuesday'] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(8)
  @IsIn(WEEKDAYS, { each: true })
  day?: string[];

  @ApiPropertyOptional({ example: '08:00', description: 'HH:MM' })
  @Optional()
  @Matches(HH_MM, { message: 'start must be HH:MM' })
  start?: string;

  @ApiPropertyOptional({ example: '18:00', description: 'HH:MM' })
  @Optional()
  @Matches(HH_MM, { message: 'end must be HH:MM' })
  end?: string;
}

export class ReplaceRecurringScheduleDto extends OmitType(CreateRecurringScheduleDto, ['name'] as const) {}
export class UpdateRecurringScheduleDto extends PartialType(ReplaceRecurringScheduleDto) {}
export class RecurringScheduleDto extends CreateRecurringScheduleDto {}

export class CreateOnetimeScheduleDto {
  @IsFmgName({ example: 'maintenance-window', maxLength: 31 })
  name!: string;

  @ApiPropertyOptional({ example: '22:00 2026/12/24', description: 'HH:MM YYYY/MM/DD' })
  @Optional()
  @Matches(HH_MM_DATE, { message: 'start must be "HH:MM YYYY/MM/DD"' })
  start?: string;

  @ApiPropertyOptional({ example: '23:30 2026/12/24', description: 'HH:MM YYYY/MM/DD' })
  @Optional()
  @Matches(HH_MM_DATE, { message: 'end must be "HH:MM YYYY/MM/DD"' })
  end?: string;

  @ObjectColor()
  color?: number;
}

export class ReplaceOnetimeScheduleDto extends OmitType(CreateOnetimeScheduleDto, ['name'] as const) {}
export class UpdateOnetimeScheduleDto extends PartialType(ReplaceOnetimeScheduleDto) {}
export class OnetimeScheduleDto extends CreateOnetimeScheduleDto {}
