import { MigrationInterface, QueryRunner } from 'typeorm';

export class Distributions1795800000000 implements MigrationInterface {
  name = 'Distributions1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "aid_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "category" character varying(32) NOT NULL, "kind" character varying(16) NOT NULL, "unit" character varying(32) NOT NULL, "unit_value" numeric(12,2), "currency" character(3), "is_active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_aid_items_id_organisation" UNIQUE ("id", "organisation_id"), CONSTRAINT "ck_aid_items_unit_value" CHECK ("unit_value" IS NULL OR "unit_value" >= 0), CONSTRAINT "ck_aid_items_value" CHECK (("unit_value" IS NULL) = ("currency" IS NULL)), CONSTRAINT "PK_58341527bc93bc2c1d57022e4df" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_aid_items_organisation_name" ON "aid_items"  ("organisation_id", "name") `,
    );
    await queryRunner.query(`CREATE TABLE "distribution_rounds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "locations" text array NOT NULL DEFAULT '{}', "eligible_vulnerabilities" text array NOT NULL DEFAULT '{}', "min_household_size" smallint, "max_household_size" smallint, "eligible_districts" text array NOT NULL DEFAULT '{}', "eligible_legal_statuses" text array NOT NULL DEFAULT '{}', "created_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_distribution_rounds_id_organisation" UNIQUE ("id", "organisation_id"), CONSTRAINT "ck_distribution_rounds_household_size" CHECK (("min_household_size" IS NULL OR "min_household_size" >= 1)
   AND ("max_household_size" IS NULL OR "max_household_size" >= coalesce("min_household_size", 1))), CONSTRAINT "ck_distribution_rounds_period" CHECK ("ends_on" >= "starts_on"), CONSTRAINT "PK_3102a79b4482abce64170ee0e68" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      `CREATE INDEX "ix_distribution_rounds_organisation_period" ON "distribution_rounds"  ("organisation_id", "starts_on") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_distribution_rounds_organisation_name" ON "distribution_rounds"  ("organisation_id", "name") `,
    );
    await queryRunner.query(`CREATE TABLE "distribution_round_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "round_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "aid_item_id" uuid NOT NULL, "counted_per" character varying(16) NOT NULL, "quantity_per_receipt" numeric(12,2) NOT NULL, "min_days_between" smallint, "max_per_period" smallint, "period_days" smallint, "exclusive_with_item_ids" uuid array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_distribution_round_items_id_round" UNIQUE ("id", "round_id"), CONSTRAINT "ck_distribution_round_items_max_per_period" CHECK (("max_per_period" IS NULL) = ("period_days" IS NULL)
   AND ("max_per_period" IS NULL OR ("max_per_period" >= 1 AND "period_days" >= 1))), CONSTRAINT "ck_distribution_round_items_min_days" CHECK ("min_days_between" IS NULL OR "min_days_between" >= 1), CONSTRAINT "ck_distribution_round_items_quantity" CHECK ("quantity_per_receipt" > 0), CONSTRAINT "PK_8195ca6f9442cfa29822b916181" PRIMARY KEY ("id"))`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_distribution_round_items_round_item" ON "distribution_round_items"  ("round_id", "aid_item_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "distribution_records" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "organisation_id" uuid NOT NULL, "round_id" uuid, "round_item_id" uuid, "aid_item_id" uuid NOT NULL, "beneficiary_id" uuid NOT NULL, "household_id" uuid, "quantity" numeric(12,2) NOT NULL, "unit_value" numeric(12,2), "currency" character(3), "distributed_on" date NOT NULL, "location" character varying(200), "source" character varying(16) NOT NULL, "recorded_by_user_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "overridden_rules" text array NOT NULL DEFAULT '{}', "override_reason" character varying(2000), CONSTRAINT "ck_distribution_records_override" CHECK (("override_reason" IS NULL) = (cardinality("overridden_rules") = 0)), CONSTRAINT "ck_distribution_records_live_round" CHECK ("source" <> 'live' OR "round_id" IS NOT NULL), CONSTRAINT "ck_distribution_records_round" CHECK (("round_id" IS NULL) = ("round_item_id" IS NULL)), CONSTRAINT "ck_distribution_records_quantity" CHECK ("quantity" > 0), CONSTRAINT "PK_06a156c2993510b394562112201" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_distribution_records_seq" ON "distribution_records"  ("seq") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_distribution_records_organisation" ON "distribution_records"  ("organisation_id", "recorded_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_distribution_records_round" ON "distribution_records"  ("round_id", "distributed_on") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_distribution_records_household" ON "distribution_records"  ("household_id", "distributed_on") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_distribution_records_beneficiary_item" ON "distribution_records"  ("beneficiary_id", "aid_item_id", "distributed_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "distribution_voids" ("record_id" uuid NOT NULL, "reason" character varying(2000) NOT NULL, "voided_by_user_id" uuid NOT NULL, "voided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1e06b191c07855d621ade22f40a" PRIMARY KEY ("record_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "duplicate_aid_flags" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conflict_key" character varying(200) NOT NULL, "rule" character varying(32) NOT NULL, "category" character varying(32) NOT NULL, "subject_type" character varying(32) NOT NULL, "amount" numeric(12,2) NOT NULL, "value" numeric(12,2), "currency" character(3), "status" character varying(16) NOT NULL, "resolution" character varying(16), "review_note" character varying(2000), "reviewed_by_user_id" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_duplicate_aid_flags_resolution" CHECK (("status" = 'confirmed') = ("resolution" IS NOT NULL)), CONSTRAINT "ck_duplicate_aid_flags_review" CHECK (("status" = 'open') = ("reviewed_at" IS NULL)), CONSTRAINT "PK_951de753e7fcf4150d1383d26ef" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_duplicate_aid_flags_status" ON "duplicate_aid_flags"  ("status", "raised_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_duplicate_aid_flags_conflict" ON "duplicate_aid_flags"  ("conflict_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "duplicate_aid_flag_records" ("flag_id" uuid NOT NULL, "record_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, CONSTRAINT "PK_5befe5e54c954042977f59aa8cd" PRIMARY KEY ("flag_id", "record_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_duplicate_aid_flag_records_organisation" ON "duplicate_aid_flag_records"  ("organisation_id", "flag_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_duplicate_aid_flag_records_record" ON "duplicate_aid_flag_records"  ("record_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "duplicate_aid_scans" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "mode" character varying(16) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "from_seq" bigint NOT NULL, "to_seq" bigint NOT NULL, "records_checked" integer NOT NULL DEFAULT '0', "flags_raised" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_0bf62030aa82539e5f12e5e4447" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_duplicate_aid_scans_finished" ON "duplicate_aid_scans"  ("finished_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("user_id" uuid NOT NULL, "key" character varying(200) NOT NULL, "operation" character varying(200) NOT NULL, "request_hash" character(64) NOT NULL, "state" character varying(16) NOT NULL, "response_status" smallint, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_392b1af86f210d98d3f0c764728" PRIMARY KEY ("user_id", "key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_idempotency_keys_created" ON "idempotency_keys"  ("created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "aid_items" ADD CONSTRAINT "fk_aid_items_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_rounds" ADD CONSTRAINT "fk_distribution_rounds_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_rounds" ADD CONSTRAINT "fk_distribution_rounds_created_by" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_round_items" ADD CONSTRAINT "fk_distribution_round_items_round" FOREIGN KEY ("round_id", "organisation_id") REFERENCES "distribution_rounds"("id","organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_round_items" ADD CONSTRAINT "fk_distribution_round_items_item" FOREIGN KEY ("aid_item_id", "organisation_id") REFERENCES "aid_items"("id","organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_records" ADD CONSTRAINT "fk_distribution_records_round" FOREIGN KEY ("round_id", "organisation_id") REFERENCES "distribution_rounds"("id","organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_records" ADD CONSTRAINT "fk_distribution_records_round_item" FOREIGN KEY ("round_item_id", "round_id") REFERENCES "distribution_round_items"("id","round_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_records" ADD CONSTRAINT "fk_distribution_records_item" FOREIGN KEY ("aid_item_id", "organisation_id") REFERENCES "aid_items"("id","organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_records" ADD CONSTRAINT "fk_distribution_records_beneficiary" FOREIGN KEY ("beneficiary_id", "organisation_id") REFERENCES "beneficiaries"("id","organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_records" ADD CONSTRAINT "fk_distribution_records_recorded_by" FOREIGN KEY ("recorded_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_voids" ADD CONSTRAINT "fk_distribution_voids_record" FOREIGN KEY ("record_id") REFERENCES "distribution_records"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_voids" ADD CONSTRAINT "fk_distribution_voids_voided_by" FOREIGN KEY ("voided_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "duplicate_aid_flags" ADD CONSTRAINT "fk_duplicate_aid_flags_reviewed_by" FOREIGN KEY ("reviewed_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "duplicate_aid_flag_records" ADD CONSTRAINT "fk_duplicate_aid_flag_records_flag" FOREIGN KEY ("flag_id") REFERENCES "duplicate_aid_flags"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "duplicate_aid_flag_records" ADD CONSTRAINT "fk_duplicate_aid_flag_records_record" FOREIGN KEY ("record_id") REFERENCES "distribution_records"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Distribution records and their voids are never changed or deleted: a correction is a void.
    for (const table of ['distribution_records', 'distribution_voids']) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "history_append_only"()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "history_append_only"()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['distribution_voids', 'distribution_records']) {
      await queryRunner.query(`DROP TRIGGER "${table}_no_truncate" ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER "${table}_append_only" ON "${table}"`);
    }
    await queryRunner.query(
      `ALTER TABLE "duplicate_aid_flag_records" DROP CONSTRAINT "fk_duplicate_aid_flag_records_record"`,
    );
    await queryRunner.query(
      `ALTER TABLE "duplicate_aid_flag_records" DROP CONSTRAINT "fk_duplicate_aid_flag_records_flag"`,
    );
    await queryRunner.query(
      `ALTER TABLE "duplicate_aid_flags" DROP CONSTRAINT "fk_duplicate_aid_flags_reviewed_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_voids" DROP CONSTRAINT "fk_distribution_voids_voided_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_voids" DROP CONSTRAINT "fk_distribution_voids_record"`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_records" DROP CONSTRAINT "fk_distribution_records_recorded_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_records" DROP CONSTRAINT "fk_distribution_records_beneficiary"`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_records" DROP CONSTRAINT "fk_distribution_records_item"`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_records" DROP CONSTRAINT "fk_distribution_records_round_item"`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_records" DROP CONSTRAINT "fk_distribution_records_round"`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_round_items" DROP CONSTRAINT "fk_distribution_round_items_item"`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_round_items" DROP CONSTRAINT "fk_distribution_round_items_round"`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_rounds" DROP CONSTRAINT "fk_distribution_rounds_created_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "distribution_rounds" DROP CONSTRAINT "fk_distribution_rounds_organisation"`,
    );
    await queryRunner.query(`ALTER TABLE "aid_items" DROP CONSTRAINT "fk_aid_items_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_idempotency_keys_created"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP INDEX "public"."ix_duplicate_aid_scans_finished"`);
    await queryRunner.query(`DROP TABLE "duplicate_aid_scans"`);
    await queryRunner.query(`DROP INDEX "public"."ix_duplicate_aid_flag_records_record"`);
    await queryRunner.query(`DROP INDEX "public"."ix_duplicate_aid_flag_records_organisation"`);
    await queryRunner.query(`DROP TABLE "duplicate_aid_flag_records"`);
    await queryRunner.query(`DROP INDEX "public"."uq_duplicate_aid_flags_conflict"`);
    await queryRunner.query(`DROP INDEX "public"."ix_duplicate_aid_flags_status"`);
    await queryRunner.query(`DROP TABLE "duplicate_aid_flags"`);
    await queryRunner.query(`DROP TABLE "distribution_voids"`);
    await queryRunner.query(`DROP INDEX "public"."ix_distribution_records_beneficiary_item"`);
    await queryRunner.query(`DROP INDEX "public"."ix_distribution_records_household"`);
    await queryRunner.query(`DROP INDEX "public"."ix_distribution_records_round"`);
    await queryRunner.query(`DROP INDEX "public"."ix_distribution_records_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."uq_distribution_records_seq"`);
    await queryRunner.query(`DROP TABLE "distribution_records"`);
    await queryRunner.query(`DROP INDEX "public"."uq_distribution_round_items_round_item"`);
    await queryRunner.query(`DROP TABLE "distribution_round_items"`);
    await queryRunner.query(`DROP INDEX "public"."uq_distribution_rounds_organisation_name"`);
    await queryRunner.query(`DROP INDEX "public"."ix_distribution_rounds_organisation_period"`);
    await queryRunner.query(`DROP TABLE "distribution_rounds"`);
    await queryRunner.query(`DROP INDEX "public"."uq_aid_items_organisation_name"`);
    await queryRunner.query(`DROP TABLE "aid_items"`);
  }
}
