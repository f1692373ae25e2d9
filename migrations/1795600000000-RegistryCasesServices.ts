import { MigrationInterface, QueryRunner } from 'typeorm';

export class RegistryCasesServices1795600000000 implements MigrationInterface {
  name = 'RegistryCasesServices1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "beneficiaries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "registered_unit_id" uuid NOT NULL, "registered_by_user_id" uuid NOT NULL, "given_name" character varying(100) NOT NULL, "family_name" character varying(100), "father_name" character varying(100), "mother_name" character varying(100), "name_arabic" character varying(200), "name_keys" text array NOT NULL DEFAULT '{}', "sex" character varying(16) NOT NULL, "date_of_birth" date, "birth_date_precision" character varying(16), "nationality" character varying(2), "languages" text array NOT NULL DEFAULT '{}', "phones" text array NOT NULL DEFAULT '{}', "address_line" character varying(300), "neighbourhood" character varying(100), "district" character varying(100), "province" character varying(100), "arrival_date" date, "legal_status" character varying(48), "vulnerabilities" text array NOT NULL DEFAULT '{}', "notes" text, "health_conditions" text, "protection_concerns" text, "ethnicity" character varying(100), "religion" character varying(100), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_beneficiaries_id_organisation" UNIQUE ("id", "organisation_id"), CONSTRAINT "ck_beneficiaries_birth_precision" CHECK (("date_of_birth" IS NULL) = ("birth_date_precision" IS NULL)), CONSTRAINT "PK_c9356d282dec80f7f12a9eef10a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_beneficiaries_vulnerabilities" ON "beneficiaries" USING gin ("vulnerabilities") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_beneficiaries_phones" ON "beneficiaries" USING gin ("phones") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_beneficiaries_name_keys" ON "beneficiaries" USING gin ("name_keys") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_beneficiaries_organisation_district" ON "beneficiaries"  ("organisation_id", "district") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_beneficiaries_registered_unit" ON "beneficiaries"  ("registered_unit_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_beneficiaries_organisation_created" ON "beneficiaries"  ("organisation_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "consents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "beneficiary_id" uuid NOT NULL, "purpose" character varying(32) NOT NULL, "recipient_organisation_id" uuid, "scope" text array NOT NULL DEFAULT '{}', "decision" character varying(16) NOT NULL, "decided_on" date NOT NULL, "expires_on" date, "reference" character varying(100), "recorded_by_user_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdrawn_by_user_id" uuid, "withdrawal_reason" character varying(500), CONSTRAINT "ck_consents_withdrawal" CHECK (("withdrawn_at" IS NULL) = ("withdrawn_by_user_id" IS NULL)), CONSTRAINT "ck_consents_period" CHECK ("expires_on" IS NULL OR "expires_on" >= "decided_on"), CONSTRAINT "PK_9efc68eb6aba7d638fb6ea034dd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_consents_beneficiary_purpose" ON "consents"  ("beneficiary_id", "purpose", "recipient_organisation_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "households" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "registered_unit_id" uuid NOT NULL, "created_by_user_id" uuid NOT NULL, "notes" character varying(1000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_households_id_organisation" UNIQUE ("id", "organisation_id"), CONSTRAINT "PK_2b1aef2640717132e9231aac756" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "household_memberships" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "household_id" uuid NOT NULL, "beneficiary_id" uuid NOT NULL, "relationship" character varying(32) NOT NULL, "started_on" date NOT NULL, "ended_on" date, "exit_reason" character varying(32), "created_by_user_id" uuid NOT NULL, "ended_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_household_memberships_exit" CHECK (("ended_on" IS NULL) = ("exit_reason" IS NULL)), CONSTRAINT "ck_household_memberships_period" CHECK ("ended_on" IS NULL OR "ended_on" >= "started_on"), CONSTRAINT "PK_81e9697b9e44c444493f7168e49" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_household_memberships_household" ON "household_memberships"  ("household_id", "started_on") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_household_memberships_beneficiary" ON "household_memberships"  ("beneficiary_id", "started_on") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_household_memberships_head" ON "household_memberships"  ("household_id") WHERE "ended_on" IS NULL AND "relationship" = 'head'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_household_memberships_current" ON "household_memberships"  ("beneficiary_id") WHERE "ended_on" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "identity_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "beneficiary_id" uuid NOT NULL, "type" character varying(32) NOT NULL, "number" character varying(40) NOT NULL, "issuing_country" character varying(2), "issued_on" date, "expires_on" date, "created_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e0521031eeadbcd1ef2624d0c40" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_identity_documents_beneficiary" ON "identity_documents"  ("beneficiary_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_identity_documents_number" ON "identity_documents"  ("number") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_identity_documents_number" ON "identity_documents"  ("organisation_id", "type", "number") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_files" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "beneficiary_id" uuid, "household_id" uuid, "type" character varying(32) NOT NULL, "unit_id" uuid NOT NULL, "assigned_user_id" uuid, "risk_level" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "closure_reason" character varying(32), "summary" character varying(2000), "opened_by_user_id" uuid NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_case_files_id_organisation" UNIQUE ("id", "organisation_id"), CONSTRAINT "ck_case_files_closure" CHECK (("status" = 'closed') = ("closure_reason" IS NOT NULL)), CONSTRAINT "ck_case_files_subject" CHECK (num_nonnulls("beneficiary_id", "household_id") = 1), CONSTRAINT "PK_083843297d525d3287b9477548a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_files_organisation_opened" ON "case_files"  ("organisation_id", "opened_at", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_case_files_household" ON "case_files"  ("household_id") `);
    await queryRunner.query(`CREATE INDEX "ix_case_files_beneficiary" ON "case_files"  ("beneficiary_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_case_files_assigned_user" ON "case_files"  ("assigned_user_id", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_files_unit_status" ON "case_files"  ("unit_id", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_case_files_open_household_type" ON "case_files"  ("organisation_id", "household_id", "type") WHERE "status" <> 'closed' AND "household_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_case_files_open_beneficiary_type" ON "case_files"  ("organisation_id", "beneficiary_id", "type") WHERE "status" <> 'closed' AND "beneficiary_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "case_assessments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "needs" jsonb NOT NULL, "score" smallint NOT NULL, "level" character varying(16) NOT NULL, "breakdown" jsonb NOT NULL, "method" character varying(16) NOT NULL, "note" character varying(2000), "assessed_by_user_id" uuid NOT NULL, "assessed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c15c8225ac51951c578ea349eca" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_assessments_case" ON "case_assessments"  ("case_id", "assessed_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_assignments" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "case_id" uuid NOT NULL, "assigned_user_id" uuid, "assigned_by_user_id" uuid NOT NULL, "note" character varying(1000), "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_87ea587a5ab124bd964c8db5ff7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_assignments_case" ON "case_assignments"  ("case_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_follow_ups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "description" character varying(500) NOT NULL, "due_on" date NOT NULL, "assigned_user_id" uuid, "created_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, "completed_by_user_id" uuid, "outcome" character varying(2000), CONSTRAINT "ck_case_follow_ups_completion" CHECK (("completed_at" IS NULL) = ("completed_by_user_id" IS NULL)), CONSTRAINT "PK_c8b1dc9bca0cf565f2606102c96" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_follow_ups_open_due" ON "case_follow_ups"  ("due_on") WHERE "completed_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_follow_ups_open_assignee" ON "case_follow_ups"  ("assigned_user_id", "due_on") WHERE "completed_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_follow_ups_case" ON "case_follow_ups"  ("case_id", "due_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_goals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "description" character varying(500) NOT NULL, "status" character varying(16) NOT NULL, "target_date" date, "created_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d99065768e59075f3d67a2d74cb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_case_goals_case" ON "case_goals"  ("case_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "case_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "body" text NOT NULL, "is_sensitive" boolean NOT NULL DEFAULT false, "author_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_474011f166285b8da9a653af5c5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_notes_case" ON "case_notes"  ("case_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_status_changes" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "case_id" uuid NOT NULL, "from_status" character varying(16), "to_status" character varying(16) NOT NULL, "closure_reason" character varying(32), "note" character varying(2000), "changed_by_user_id" uuid NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4602a931e9f2eb847bfc17023ee" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_case_status_changes_case" ON "case_status_changes"  ("case_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "service_types" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "description" character varying(1000), "is_active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_service_types_id_organisation" UNIQUE ("id", "organisation_id"), CONSTRAINT "PK_1dc93417a097cdee3491f39d7cc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_service_types_unit_name" ON "service_types"  ("unit_id", "name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "service_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "beneficiary_id" uuid NOT NULL, "service_type_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "case_id" uuid, "referral_id" uuid, "delivered_on" date NOT NULL, "delivered_by_user_id" uuid NOT NULL, "note" character varying(2000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9660724b17d8fa426ba7495c9fd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_service_deliveries_unit" ON "service_deliveries"  ("unit_id", "delivered_on") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_service_deliveries_case" ON "service_deliveries"  ("case_id", "delivered_on") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_service_deliveries_beneficiary" ON "service_deliveries"  ("beneficiary_id", "delivered_on") `,
    );
    await queryRunner.query(
      `ALTER TABLE "beneficiaries" ADD CONSTRAINT "fk_beneficiaries_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "beneficiaries" ADD CONSTRAINT "fk_beneficiaries_unit" FOREIGN KEY ("registered_unit_id", "organisation_id") REFERENCES "service_units"("id","organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "beneficiaries" ADD CONSTRAINT "fk_beneficiaries_registered_by" FOREIGN KEY ("registered_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "fk_consents_beneficiary" FOREIGN KEY ("beneficiary_id", "organisation_id") REFERENCES "beneficiaries"("id","organisation_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "fk_consents_recipient" FOREIGN KEY ("recipient_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "fk_consents_recorded_by" FOREIGN KEY ("recorded_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "fk_consents_withdrawn_by" FOREIGN KEY ("withdrawn_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "households" ADD CONSTRAINT "fk_households_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "households" ADD CONSTRAINT "fk_households_unit" FOREIGN KEY ("registered_unit_id", "organisation_id") REFERENCES "service_units"("id","organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "households" ADD CONSTRAINT "fk_households_created_by" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_memberships" ADD CONSTRAINT "fk_household_memberships_household" FOREIGN KEY ("household_id", "organisation_id") REFERENCES "households"("id","organisation_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_memberships" ADD CONSTRAINT "fk_household_memberships_beneficiary" FOREIGN KEY ("beneficiary_id", "organisation_id") REFERENCES "beneficiaries"("id","organisation_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_memberships" ADD CONSTRAINT "fk_household_memberships_created_by" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_memberships" ADD CONSTRAINT "fk_household_memberships_ended_by" FOREIGN KEY ("ended_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_documents" ADD CONSTRAINT "fk_identity_documents_beneficiary" FOREIGN KEY ("beneficiary_id", "organisation_id") REFERENCES "beneficiaries"("id","organisation_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_documents" ADD CONSTRAINT "fk_identity_documents_created_by" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_files" ADD CONSTRAINT "fk_case_files_beneficiary" FOREIGN KEY ("beneficiary_id", "organisation_id") REFERENCES "beneficiaries"("id","organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_files" ADD CONSTRAINT "fk_case_files_household" FOREIGN KEY ("household_id", "organisation_id") REFERENCES "households"("id","organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_files" ADD CONSTRAINT "fk_case_files_unit" FOREIGN KEY ("unit_id", "organisation_id") REFERENCES "service_units"("id","organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_files" ADD CONSTRAINT "fk_case_files_assigned_user" FOREIGN KEY ("assigned_user_id", "organisation_id") REFERENCES "users"("id","organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_files" ADD CONSTRAINT "fk_case_files_opened_by" FOREIGN KEY ("opened_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_assessments" ADD CONSTRAINT "fk_case_assessments_case" FOREIGN KEY ("case_id") REFERENCES "case_files"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_assessments" ADD CONSTRAINT "fk_case_assessments_user" FOREIGN KEY ("assessed_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_assignments" ADD CONSTRAINT "fk_case_assignments_case" FOREIGN KEY ("case_id") REFERENCES "case_files"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_assignments" ADD CONSTRAINT "fk_case_assignments_assignee" FOREIGN KEY ("assigned_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_assignments" ADD CONSTRAINT "fk_case_assignments_assigner" FOREIGN KEY ("assigned_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_follow_ups" ADD CONSTRAINT "fk_case_follow_ups_case" FOREIGN KEY ("case_id") REFERENCES "case_files"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_follow_ups" ADD CONSTRAINT "fk_case_follow_ups_assignee" FOREIGN KEY ("assigned_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_follow_ups" ADD CONSTRAINT "fk_case_follow_ups_created_by" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_follow_ups" ADD CONSTRAINT "fk_case_follow_ups_completed_by" FOREIGN KEY ("completed_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_goals" ADD CONSTRAINT "fk_case_goals_case" FOREIGN KEY ("case_id") REFERENCES "case_files"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_goals" ADD CONSTRAINT "fk_case_goals_created_by" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_notes" ADD CONSTRAINT "fk_case_notes_case" FOREIGN KEY ("case_id") REFERENCES "case_files"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_notes" ADD CONSTRAINT "fk_case_notes_author" FOREIGN KEY ("author_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_status_changes" ADD CONSTRAINT "fk_case_status_changes_case" FOREIGN KEY ("case_id") REFERENCES "case_files"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_status_changes" ADD CONSTRAINT "fk_case_status_changes_user" FOREIGN KEY ("changed_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_types" ADD CONSTRAINT "fk_service_types_unit" FOREIGN KEY ("unit_id", "organisation_id") REFERENCES "service_units"("id","organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_deliveries" ADD CONSTRAINT "fk_service_deliveries_beneficiary" FOREIGN KEY ("beneficiary_id", "organisation_id") REFERENCES "beneficiaries"("id","organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_deliveries" ADD CONSTRAINT "fk_service_deliveries_service_type" FOREIGN KEY ("service_type_id", "organisation_id") REFERENCES "service_types"("id","organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_deliveries" ADD CONSTRAINT "fk_service_deliveries_case" FOREIGN KEY ("case_id", "organisation_id") REFERENCES "case_files"("id","organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_deliveries" ADD CONSTRAINT "fk_service_deliveries_user" FOREIGN KEY ("delivered_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Case history is append-only, like the audit log: a correction is a new row.
    await queryRunner.query(`
      CREATE FUNCTION "history_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['case_status_changes', 'case_assignments']) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "history_append_only"()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "history_append_only"()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "service_deliveries" DROP CONSTRAINT "fk_service_deliveries_user"`);
    await queryRunner.query(`ALTER TABLE "service_deliveries" DROP CONSTRAINT "fk_service_deliveries_case"`);
    await queryRunner.query(
      `ALTER TABLE "service_deliveries" DROP CONSTRAINT "fk_service_deliveries_service_type"`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_deliveries" DROP CONSTRAINT "fk_service_deliveries_beneficiary"`,
    );
    await queryRunner.query(`ALTER TABLE "service_types" DROP CONSTRAINT "fk_service_types_unit"`);
    await queryRunner.query(
      `ALTER TABLE "case_status_changes" DROP CONSTRAINT "fk_case_status_changes_user"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_status_changes" DROP CONSTRAINT "fk_case_status_changes_case"`,
    );
    await queryRunner.query(`ALTER TABLE "case_notes" DROP CONSTRAINT "fk_case_notes_author"`);
    await queryRunner.query(`ALTER TABLE "case_notes" DROP CONSTRAINT "fk_case_notes_case"`);
    await queryRunner.query(`ALTER TABLE "case_goals" DROP CONSTRAINT "fk_case_goals_created_by"`);
    await queryRunner.query(`ALTER TABLE "case_goals" DROP CONSTRAINT "fk_case_goals_case"`);
    await queryRunner.query(
      `ALTER TABLE "case_follow_ups" DROP CONSTRAINT "fk_case_follow_ups_completed_by"`,
    );
    await queryRunner.query(`ALTER TABLE "case_follow_ups" DROP CONSTRAINT "fk_case_follow_ups_created_by"`);
    await queryRunner.query(`ALTER TABLE "case_follow_ups" DROP CONSTRAINT "fk_case_follow_ups_assignee"`);
    await queryRunner.query(`ALTER TABLE "case_follow_ups" DROP CONSTRAINT "fk_case_follow_ups_case"`);
    await queryRunner.query(`ALTER TABLE "case_assignments" DROP CONSTRAINT "fk_case_assignments_assigner"`);
    await queryRunner.query(`ALTER TABLE "case_assignments" DROP CONSTRAINT "fk_case_assignments_assignee"`);
    await queryRunner.query(`ALTER TABLE "case_assignments" DROP CONSTRAINT "fk_case_assignments_case"`);
    await queryRunner.query(`ALTER TABLE "case_assessments" DROP CONSTRAINT "fk_case_assessments_user"`);
    await queryRunner.query(`ALTER TABLE "case_assessments" DROP CONSTRAINT "fk_case_assessments_case"`);
    await queryRunner.query(`ALTER TABLE "case_files" DROP CONSTRAINT "fk_case_files_opened_by"`);
    await queryRunner.query(`ALTER TABLE "case_files" DROP CONSTRAINT "fk_case_files_assigned_user"`);
    await queryRunner.query(`ALTER TABLE "case_files" DROP CONSTRAINT "fk_case_files_unit"`);
    await queryRunner.query(`ALTER TABLE "case_files" DROP CONSTRAINT "fk_case_files_household"`);
    await queryRunner.query(`ALTER TABLE "case_files" DROP CONSTRAINT "fk_case_files_beneficiary"`);
    await queryRunner.query(
      `ALTER TABLE "identity_documents" DROP CONSTRAINT "fk_identity_documents_created_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_documents" DROP CONSTRAINT "fk_identity_documents_beneficiary"`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_memberships" DROP CONSTRAINT "fk_household_memberships_ended_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_memberships" DROP CONSTRAINT "fk_household_memberships_created_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_memberships" DROP CONSTRAINT "fk_household_memberships_beneficiary"`,
    );
    await queryRunner.query(
      `ALTER TABLE "household_memberships" DROP CONSTRAINT "fk_household_memberships_household"`,
    );
    await queryRunner.query(`ALTER TABLE "households" DROP CONSTRAINT "fk_households_created_by"`);
    await queryRunner.query(`ALTER TABLE "households" DROP CONSTRAINT "fk_households_unit"`);
    await queryRunner.query(`ALTER TABLE "households" DROP CONSTRAINT "fk_households_organisation"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "fk_consents_withdrawn_by"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "fk_consents_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "fk_consents_recipient"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "fk_consents_beneficiary"`);
    await queryRunner.query(`ALTER TABLE "beneficiaries" DROP CONSTRAINT "fk_beneficiaries_registered_by"`);
    await queryRunner.query(`ALTER TABLE "beneficiaries" DROP CONSTRAINT "fk_beneficiaries_unit"`);
    await queryRunner.query(`ALTER TABLE "beneficiaries" DROP CONSTRAINT "fk_beneficiaries_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_service_deliveries_beneficiary"`);
    await queryRunner.query(`DROP INDEX "public"."ix_service_deliveries_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_service_deliveries_unit"`);
    await queryRunner.query(`DROP TABLE "service_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."uq_service_types_unit_name"`);
    await queryRunner.query(`DROP TABLE "service_types"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_status_changes_case"`);
    await queryRunner.query(`DROP TABLE "case_status_changes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_notes_case"`);
    await queryRunner.query(`DROP TABLE "case_notes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_goals_case"`);
    await queryRunner.query(`DROP TABLE "case_goals"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_follow_ups_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_follow_ups_open_assignee"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_follow_ups_open_due"`);
    await queryRunner.query(`DROP TABLE "case_follow_ups"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_assignments_case"`);
    await queryRunner.query(`DROP TABLE "case_assignments"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_assessments_case"`);
    await queryRunner.query(`DROP TABLE "case_assessments"`);
    await queryRunner.query(`DROP INDEX "public"."uq_case_files_open_beneficiary_type"`);
    await queryRunner.query(`DROP INDEX "public"."uq_case_files_open_household_type"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_files_unit_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_files_assigned_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_files_beneficiary"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_files_household"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_files_organisation_opened"`);
    await queryRunner.query(`DROP TABLE "case_files"`);
    await queryRunner.query(`DROP INDEX "public"."uq_identity_documents_number"`);
    await queryRunner.query(`DROP INDEX "public"."ix_identity_documents_number"`);
    await queryRunner.query(`DROP INDEX "public"."ix_identity_documents_beneficiary"`);
    await queryRunner.query(`DROP TABLE "identity_documents"`);
    await queryRunner.query(`DROP INDEX "public"."uq_household_memberships_current"`);
    await queryRunner.query(`DROP INDEX "public"."uq_household_memberships_head"`);
    await queryRunner.query(`DROP INDEX "public"."ix_household_memberships_household"`);
    await queryRunner.query(`DROP INDEX "public"."ix_household_memberships_beneficiary"`);
    await queryRunner.query(`DROP TABLE "household_memberships"`);
    await queryRunner.query(`DROP TABLE "households"`);
    await queryRunner.query(`DROP INDEX "public"."ix_consents_beneficiary_purpose"`);
    await queryRunner.query(`DROP TABLE "consents"`);
    await queryRunner.query(`DROP INDEX "public"."ix_beneficiaries_organisation_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_beneficiaries_registered_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_beneficiaries_organisation_district"`);
    await queryRunner.query(`DROP INDEX "public"."ix_beneficiaries_name_keys"`);
    await queryRunner.query(`DROP INDEX "public"."ix_beneficiaries_phones"`);
    await queryRunner.query(`DROP INDEX "public"."ix_beneficiaries_vulnerabilities"`);
    await queryRunner.query(`DROP TABLE "beneficiaries"`);
    await queryRunner.query(`DROP FUNCTION "history_append_only"()`);
  }
}
