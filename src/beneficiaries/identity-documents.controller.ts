import { Body, Controller, Delete, HttpCode, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { RequirePermissions } from '../auth/decorators/require-permissions.decorator';
import { Permission } from '../auth/permissions';
import { ApiErrorDto } from '../common/errors/api-error.dto';
import { IdParam } from '../common/validation/id-param';
import { CreateIdentityDocumentDto, IdentityDocumentResponseDto } from './dto/identity-document.dto';
import { IdentityDocumentsService } from './identity-documents.service';

@ApiTags('Beneficiaries')
@Controller()
export class IdentityDocumentsController {
  constructor(private readonly documents: IdentityDocumentsService) {}

  /** Adds an identity document to a person. A wrong check digit is a 400 naming the rule. */
  @Post('beneficiaries/:id/documents')
  @RequirePermissions(Permission.BeneficiaryWrite)
  @ApiCreatedResponse({ type: IdentityDocumentResponseDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({
    type: ApiErrorDto,
    description:
      'DOCUMENT_NUMBER_TAKEN; `details.existingBeneficiaryId` names the holder only if the caller may read that record',
  })
  addIdentityDocument(
    @CurrentUser() user: AuthUser,
    @IdParam() id: string,
    @Body() dto: CreateIdentityDocumentDto,
  ): Promise<IdentityDocumentResponseDto> {
    return this.documents.add(user, id, dto);
  }

  /** Removes an identity document registered in error. */
  @Delete('identity-documents/:id')
  @RequirePermissions(Permission.BeneficiaryWrite)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  removeIdentityDocument(@CurrentUser() user: AuthUser, @IdParam() id: string): Promise<void> {
    return this.documents.remove(user, id);
  }
}
