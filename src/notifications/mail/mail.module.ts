import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { createMailTransport } from './mail-transports';
import { MailTransport } from './mail-transport';
import { MemoryInbox } from './memory-inbox';

/** The configured mail transport (MAIL_TRANSPORT), and the memory transport's inbox. */
@Module({
  providers: [
    MemoryInbox,
    { provide: MailTransport, inject: [AppConfig, MemoryInbox], useFactory: createMailTransport },
  ],
  exports: [MailTransport, MemoryInbox],
})
export class MailModule {}
