import { IsBoolean, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { QueryBoolean } from '../../common/validation/transforms';
import { NotificationKind, NotificationSubject } from '../notification-codes';

export class ListNotificationsQuery extends PageQueryDto {
  /** `true`: only the unread ones; `false`: only those already read. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  unread?: boolean;
}

/** One notification of the caller. It names its record; the reader opens it under their own access. */
export class NotificationResponseDto {
  id!: string;
  kind!: NotificationKind;
  subjectType!: NotificationSubject;
  subjectId!: string;
  /**
   * Non-personal parameters for the client's message: unit and organisation names, urgency,
   * status, outcome, phase, due date (ISO 8601).
   */
  data!: Record<string, string | null>;
  createdAt!: Date;
  /** Null while unread. */
  readAt!: Date | null;
}

export class NotificationPageDto {
  items!: NotificationResponseDto[];
  /** Absent on the last page. */
  nextCursor?: string;
}

export class NotificationsMarkedReadDto {
  /** How many notifications this call marked read (those already read are not counted). */
  count!: number;
}
