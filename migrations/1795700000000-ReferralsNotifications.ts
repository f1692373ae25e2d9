import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReferralsNotifications1795700000000 implements MigrationInterface {
  name = 'ReferralsNotifications1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "subject_type" character varying(32) NOT NULL, "subject_id" uuid NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', "dedupe_key" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, "email_status" character varying(16) NOT NULL, "email_sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_notifications_dedupe_key" ON "notifications"  ("dedupe_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notifications_email_pending" ON "notifications"  ("created_at") WHERE "email_status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notifications_user_unread" ON "notifications"  ("user_id") WHERE "read_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notifications_user" ON "notifications"  ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(`CREATE TABLE "referrals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sender_organisation_id" uuid NOT NULL, "sender_unit_id" uuid, "created_by_user_id" uuid NOT NULL, "receiver_organisation_id" uuid NOT NULL, "receiver_unit_id" uuid NOT NULL, "service_type_id" uuid NOT NULL, "beneficiary_id" uuid, "subject" jsonb, "case_id" uuid, "reason" character varying(2000) NOT NULL, "urgency" character varying(16) NOT NULL, "shared_fields" text array NOT NULL DEFAULT '{}', "share_case_summary" boolean NOT NULL DEFAULT false, "consent_id" uuid, "consent_reference" character varying(100), "consent_override_reason" character varying(2000), "status" character varying(16) NOT NULL, "outcome" character varying(32), "response_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "completion_due_at" TIMESTAMP WITH TIME ZONE, "accepted_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "response_overdue_at" TIMESTAMP WITH TIME ZONE, "completion_overdue_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_referrals_consent" CHECK ("sender_organisation_id" = "receiver_organisation_id"
   OR num_nonnulls("consent_id", "consent_reference", "consent_override_reason") >= 1), CONSTRAINT "ck_referrals_outcome" CHECK (("status" = 'completed') = ("outcome" IS NOT NULL)), CONSTRAINT "ck_referrals_case_summary" CHECK (NOT "share_case_summary" OR "case_id" IS NOT NULL), CONSTRAINT "ck_referrals_person" CHECK ("beneficiary_id" IS NOT NULL OR "subject" IS NOT NULL), CONSTRAINT "PK_ea9980e34f738b6252817326c08" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      `CREATE INDEX "ix_referrals_completion_due" ON "referrals"  ("completion_due_at") WHERE "status" IN ('accepted', 'in_progress')`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_referrals_response_due" ON "referrals"  ("response_due_at") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(`CREATE INDEX "ix_referrals_case" ON "referrals"  ("case_id") `);
    await queryRunner.query(`CREATE INDEX "ix_referrals_beneficiary" ON "referrals"  ("beneficiary_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_referrals_sender_organisation" ON "referrals"  ("sender_organisation_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_referrals_receiver_organisation" ON "referrals"  ("receiver_organisation_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_referrals_sender_unit" ON "referrals"  ("sender_unit_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_referrals_receiver_unit_status" ON "referrals"  ("receiver_unit_id", "status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "referral_transitions" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "referral_id" uuid NOT NULL, "from_status" character varying(16), "to_status" character varying(16) NOT NULL, "reason" character varying(2000), "outcome" character varying(32), "note" character varying(2000), "linked_beneficiary_id" uuid, "service_delivery_id" uuid, "changed_by_user_id" uuid NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3b5828182b4ff9ea0725db4d6bb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_referral_transitions_referral" ON "referral_transitions"  ("referral_id", "id") `,
    );
    await queryRunner.query(`ALTER TABLE "users" ADD "email" character varying(254)`);
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "fk_notifications_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "fk_referrals_sender_organisation" FOREIGN KEY ("sender_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "fk_referrals_sender_unit" FOREIGN KEY ("sender_unit_id", "sender_organisation_id") REFERENCES "service_units"("id","organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "fk_referrals_created_by" FOREIGN KEY ("created_by_user_id", "sender_organisation_id") REFERENCES "users"("id","organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "fk_referrals_receiver_organisation" FOREIGN KEY ("receiver_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "fk_referrals_receiver_unit" FOREIGN KEY ("receiver_unit_id", "receiver_organisation_id") REFERENCES "service_units"("id","organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "fk_referrals_service_type" FOREIGN KEY ("service_type_id") REFERENCES "service_types"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "fk_referrals_beneficiary" FOREIGN KEY ("beneficiary_id") REFERENCES "beneficiaries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "fk_referrals_case" FOREIGN KEY ("case_id") REFERENCES "case_files"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "fk_referrals_consent" FOREIGN KEY ("consent_id") REFERENCES "consents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_transitions" ADD CONSTRAINT "fk_referral_transitions_referral" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_transitions" ADD CONSTRAINT "fk_referral_transitions_user" FOREIGN KEY ("changed_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_deliveries" ADD CONSTRAINT "fk_service_deliveries_referral" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Referral history is append-only, like case history (history_append_only() comes with cases).
    await queryRunner.query(
      `CREATE TRIGGER "referral_transitions_append_only" BEFORE UPDATE OR DELETE ON "referral_transitions" FOR EACH ROW EXECUTE FUNCTION "history_append_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "referral_transitions_no_truncate" BEFORE TRUNCATE ON "referral_transitions" FOR EACH STATEMENT EXECUTE FUNCTION "history_append_only"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "service_deliveries" DROP CONSTRAINT "fk_service_deliveries_referral"`,
    );
    await queryRunner.query(`DROP TRIGGER "referral_transitions_no_truncate" ON "referral_transitions"`);
    await queryRunner.query(`DROP TRIGGER "referral_transitions_append_only" ON "referral_transitions"`);
    await queryRunner.query(
      `ALTER TABLE "referral_transitions" DROP CONSTRAINT "fk_referral_transitions_user"`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_transitions" DROP CONSTRAINT "fk_referral_transitions_referral"`,
    );
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "fk_referrals_consent"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "fk_referrals_case"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "fk_referrals_beneficiary"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "fk_referrals_service_type"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "fk_referrals_receiver_unit"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "fk_referrals_receiver_organisation"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "fk_referrals_created_by"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "fk_referrals_sender_unit"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "fk_referrals_sender_organisation"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "fk_notifications_user"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referral_transitions_referral"`);
    await queryRunner.query(`DROP TABLE "referral_transitions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referrals_receiver_unit_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referrals_sender_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referrals_receiver_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referrals_sender_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referrals_beneficiary"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referrals_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referrals_response_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referrals_completion_due"`);
    await queryRunner.query(`DROP TABLE "referrals"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notifications_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notifications_user_unread"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notifications_email_pending"`);
    await queryRunner.query(`DROP INDEX "public"."uq_notifications_dedupe_key"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
  }
}
