import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one shape of every error response. */
export class ApiErrorDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ description: 'Stable machine-readable code', example: 'VALIDATION_FAILED' })
  code!: string;

  @ApiProperty({ example: 'Request validation failed' })
  message!: string;

  @ApiPropertyOptional({
    description: 'Code-specific details; for VALIDATION_FAILED, the rules each field broke',
    type: 'object',
    additionalProperties: true,
    example: { username: ['isNotEmpty'] },
  })
  details?: Record<string, unknown>;

  @ApiProperty({ description: 'Correlates the response with the server logs', example: 'f3b2c6c0-...' })
  requestId!: string;
}
