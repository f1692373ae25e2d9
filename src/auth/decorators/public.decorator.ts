import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'sukom:is-public';

/** The route needs no login. Every route says either this or `@RequirePermissions(...)`. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
