import type { ValidationError } from '@nestjs/common';
import { IsString, MaxLength } from 'class-validator';
import { BadRequestError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-codes';
import { createValidationPipe, flattenValidationErrors } from './validation.pipe';

class CreateNoteDto {
  @IsString()
  @MaxLength(20)
  title!: string;
}

const error = (
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError => ({
  property,
  constraints,
  children,
});

describe(flattenValidationErrors.name, () => {
  it('keys the broken rules by field name', () => {
    const errors = [error('name', { isNotEmpty: 'name should not be empty', maxLength: 'name is too long' })];
    expect(flattenValidationErrors(errors)).toEqual({ name: ['isNotEmpty', 'maxLength'] });
  });

  it('joins nested fields with dots', () => {
    const errors = [
      error('address', undefined, [error('district', { isString: 'district must be a string' })]),
    ];
    expect(flattenValidationErrors(errors)).toEqual({ 'address.district': ['isString'] });
  });

  it('names array elements by index', () => {
    const errors = [
      error('phones', undefined, [error('1', undefined, [error('number', { matches: 'bad number' })])]),
    ];
    expect(flattenValidationErrors(errors)).toEqual({ 'phones.1.number': ['matches'] });
  });

  it('keeps a field’s own rules and its children’s', () => {
    const errors = [
      error('household', { arrayMaxSize: 'too many' }, [
        error('0', undefined, [error('name', { isString: 'x' })]),
      ]),
      error('extra', { whitelistValidation: 'property extra should not exist' }),
    ];
    expect(flattenValidationErrors(errors)).toEqual({
      household: ['arrayMaxSize'],
      'household.0.name': ['isString'],
      extra: ['whitelistValidation'],
    });
  });

  it('returns nothing for no errors', () => {
    expect(flattenValidationErrors([])).toEqual({});
  });
});

describe(createValidationPipe.name, () => {
  const pipe = createValidationPipe();
  const asBody = (value: unknown) => pipe.transform(value, { type: 'body', metatype: CreateNoteDto });

  it('passes a valid body through as an instance of the DTO', async () => {
    await expect(asBody({ title: 'Visit' })).resolves.toBeInstanceOf(CreateNoteDto);
  });

  it('refuses an unknown field with VALIDATION_FAILED, naming the field', async () => {
    const rejection = asBody({ title: 'Visit', colour: 'red' });
    await expect(rejection).rejects.toBeInstanceOf(BadRequestError);
    await expect(rejection).rejects.toMatchObject({
      status: 400,
      code: ErrorCode.ValidationFailed,
      details: { colour: ['whitelistValidation'] },
    });
  });

  it('names the field and the rule, never the value', async () => {
    const value = 'a title that is far too long for a note';
    const rejection = asBody({ title: value });
    await expect(rejection).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
      details: { title: ['maxLength'] },
    });
    await expect(rejection).rejects.not.toHaveProperty('message', expect.stringContaining(value));
  });
});
