export class TokenResponseDto {
  /** Bearer token for the `Authorization` header. */
  accessToken!: string;
  /** Seconds until the access token expires. */
  expiresIn!: number;
  tokenType!: 'Bearer';
  /** Exchange at `POST /auth/refresh` for a new pair; each refresh token works once. */
  refreshToken!: string;
}
