import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { DateTimeField } from '@app/unified-models';

const URL_DOC = 'Where events are POSTed; https unless the operator allows http (DISPATCH_ALLOW_HTTP).';
const TYPES_DOC =
  'Event types; `*` stands for one dot-separated segment (`ticketing.ticket.*`) or, alone, for all.';

/** The shape of an event type pattern (the contract's types are then checked by eventTypeProblem). */
const EVENT_TYPE_PATTERN = /^(\*|ticketing\.(\*|[a-z_]+)\.(\*|[a-z_]+))$/;
const EVENT_TYPE_MESSAGE =
  'each event type must be `*` or ticketing.{entity}.{action} (either part may be `*`)';

/** Validate unless absent: `null` is not a value for fields that cannot be cleared (nor on create). */
const present = (_body: object, value: unknown) => value !== undefined;

export class CreateSubscriptionBody {
  @ApiProperty({ description: URL_DOC, example: 'https://example.com/webhooks/ticketing' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  url!: string;

  @ApiProperty({ description: TYPES_DOC, example: ['ticketing.ticket.*'], type: [String] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(EVENT_TYPE_PATTERN, { each: true, message: EVENT_TYPE_MESSAGE })
  event_types!: string[];

  @ApiPropertyOptional({ description: "Only this connection's events (one of the tenant's connections)." })
  @ValidateIf(present)
  @IsString()
  @IsNotEmpty()
  connection_id?: string;

  @ApiPropertyOptional({ default: true })
  @ValidateIf(present)
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional()
  @ValidateIf(present)
  @IsString()
  @MaxLength(500)
  description?: string;
}

/** Each given field replaces the stored one; `null` clears `connection_id` or `description`. */
export class UpdateSubscriptionBody {
  @ApiPropertyOptional({ description: URL_DOC })
  @ValidateIf(present)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ description: TYPES_DOC, type: [String] })
  @ValidateIf(present)
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(EVENT_TYPE_PATTERN, { each: true, message: EVENT_TYPE_MESSAGE })
  event_types?: string[];

  @ApiPropertyOptional({ description: 'null removes the connection filter.', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  connection_id?: string | null;

  @ApiPropertyOptional({
    description: 'true re-enables a disabled subscription and resets its failure clock.',
  })
  @ValidateIf(present)
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

/** Exactly one of the two. */
export class ReplayBody {
  @ApiPropertyOptional({ description: 'Replay this event (it must still be retained).' })
  @ValidateIf(present)
  @IsString()
  @IsNotEmpty()
  event_id?: string;

  @ApiPropertyOptional({ description: 'Replay every retained event with a `time` at or after this instant.' })
  @DateTimeField()
  since?: string;
}

export class AttemptsQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The next_cursor of the previous page.' })
  @IsOptional()
  @IsString()
  next_cursor?: string;
}
