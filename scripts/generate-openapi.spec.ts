import { readFileSync } from 'node:fs';
import { generateOpenApiDocument, OPENAPI_FILE, serializeOpenApiDocument } from './generate-openapi';

/** The committed openapi.json is the API contract: a change to it shows in review. */
describe(generateOpenApiDocument.name, () => {
  it('matches the committed openapi.json (run `npm run openapi:generate` after changing the API)', async () => {
    const document = await generateOpenApiDocument();
    expect(serializeOpenApiDocument(document)).toBe(readFileSync(OPENAPI_FILE, 'utf8'));
  });

  it('documents the DTO schemas from the compiler plugin', async () => {
    const { components } = await generateOpenApiDocument();
    expect(Object.keys(components?.schemas?.LoginDto ?? {})).toContain('properties');
    expect(components?.schemas?.LoginDto).toMatchObject({ required: ['username', 'password'] });
  });
});
