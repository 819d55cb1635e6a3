import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn } from 'class-validator';
import { DateTimeField, UNIFIED_RESOURCES } from '@app/unified-models';

export class CreateSyncBody {
  @ApiProperty({
    description:
      'Unified resources to read whole, in this order. Each must be one the connection’s provider lists without a parent (GET /integrations shows what it lists); a resource it cannot list is a 400 naming the ones it can.',
    example: ['tickets', 'users'],
    type: [String],
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(UNIFIED_RESOURCES.length)
  @IsIn([...UNIFIED_RESOURCES], { each: true })
  resources!: string[];

  @ApiPropertyOptional({
    description:
      'Only records updated at or after this time, where every resource’s list can filter on updated_at at the provider (otherwise 400).',
    example: '2026-01-01T00:00:00Z',
  })
  @DateTimeField()
  since?: string | null;
}
