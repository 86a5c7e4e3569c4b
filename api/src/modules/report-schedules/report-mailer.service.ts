import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { ApiSettings, DEFAULT_REPORT_SETTINGS, type ReportSettings } from '../../api.env.js';

export interface ReportMessage {
  to: readonly string[];
  subject: string;
  text: string;
  /** The same for every attempt of one run: a receiving system can drop a repeat by it. */
  messageId: string;
  attachments: { filename: string; content: Buffer | string; contentType: string }[];
}

/** Thrown when no SMTP server is configured: the run fails with this as its state. */
export const SMTP_MISSING = 'SMTP_URL not set: configure the SMTP server of the email reports';

/** Sends report emails over SMTP (`SMTP_URL`, `SMTP_FROM`) with nodemailer; one pooled transport per process. */
@Injectable()
export class ReportMailerService implements OnModuleDestroy {
  private readonly settings: ReportSettings;
  private transport: Transporter | null = null;

  constructor(apiSettings: ApiSettings) {
    this.settings = apiSettings.reports ?? DEFAULT_REPORT_SETTINGS;
  }

  get configured(): boolean {
    return this.settings.smtpUrl !== undefined;
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }

  /** Resolves once the SMTP server accepted the message; rejects with its answer otherwise. */
  async send(message: ReportMessage): Promise<void> {
    if (!this.settings.smtpUrl) throw new Error(SMTP_MISSING);
    this.transport ??= nodemailer.createTransport(this.settings.smtpUrl);
    await this.transport.sendMail({
      from: this.settings.smtpFrom,
      to: [...message.to],
      subject: message.subject,
      text: message.text,
      messageId: message.messageId,
      attachments: message.attachments,
    });
  }
}
