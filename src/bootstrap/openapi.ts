import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ApiErrorDto } from '../common/errors/api-error.dto';

const ERROR_REF = { $ref: '#/components/schemas/ApiErrorDto' };
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ERROR_REF } },
});
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The OpenAPI document, built from the code. Operation ids are the controller method names, which
 * are unique across the app. Every operation documents the shared error shape for 400 (when it
 * takes input) and 500.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('SUKOM case management API')
    .setDescription(
      'Case management for organisations serving refugees and migrants: registration, cases, referrals, aid distribution and reporting. ' +
        'Errors share one shape (ApiErrorDto) with stable codes.',
    )
    .setVersion('0.1.0')
    .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controller, method) => method,
    extraModels: [ApiErrorDto],
  });
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const op = path[method];
      if (!op) continue;
      const takesInput = Boolean(op.requestBody) || Boolean(op.parameters?.length);
      if (takesInput)
        op.responses['400'] ??= errorResponse('Invalid input: VALIDATION_FAILED names each field and rule');
      op.responses['500'] ??= errorResponse('Unexpected error; the requestId leads to the server log');
    }
  }
  return document;
}

export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs/openapi.json',
    customSiteTitle: 'SUKOM API',
  });
}
